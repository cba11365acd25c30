// The embedded database's lock against real processes: a live holder is refused by name, and a
// crashed one's lock is taken over even when its pid now belongs to another process, or the lock
// comes from a machine that rebooted since. (Files and processes only; no database involved.)
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireEmbeddedLock, currentHolder, EmbeddedDatabaseBusyError, LOCK_STALE_AFTER_MS, processStartTime, type LockHolder } from "./embedded-lock";

const children: ChildProcess[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

/** A data folder's PGlite directory, and where its lock file lives. */
function dataFolder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-lock-test-"));
  folders.push(root);
  return { dir: path.join(root, "pglite"), lockPath: path.join(root, "pglite.lock") };
}

/** Another app process that opens the same folder and keeps it open until killed. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const lockModule = path.resolve("db/embedded-lock.ts");
  // Node itself, with tsx as its loader: the pid that holds the lock is the process a test kills.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", `import { acquireEmbeddedLock } from ${JSON.stringify(lockModule)}; acquireEmbeddedLock(${JSON.stringify(dir)}); console.log("locked"); setInterval(() => {}, 1000);`],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  const [output] = (await once(child.stdout!, "data")) as [Buffer];
  expect(output.toString()).toContain("locked");
  return child;
}

/** An unrelated, long-lived process: its pid is what a crashed holder's pid has become. */
function bystander(): ChildProcess {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  children.push(child);
  return child;
}

function readHolder(lockPath: string): LockHolder {
  return JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockHolder;
}

function busy(dir: string): EmbeddedDatabaseBusyError {
  try {
    acquireEmbeddedLock(dir)();
  } catch (error) {
    expect(error).toBeInstanceOf(EmbeddedDatabaseBusyError);
    return error as EmbeddedDatabaseBusyError;
  }
  throw new Error("Expected the lock to be refused, but it was taken.");
}

function takesOver(dir: string, lockPath: string): void {
  const release = acquireEmbeddedLock(dir);
  expect(readHolder(lockPath).token).toBe(currentHolder().token);
  release();
  expect(fs.existsSync(lockPath)).toBe(false);
}

describe("the embedded database lock", () => {
  it("refuses a second process while the holder lives, naming it, and records more than its pid", async () => {
    const { dir, lockPath } = dataFolder();
    const holder = await holderProcess(dir);
    const recorded = readHolder(lockPath);
    expect(recorded).toMatchObject({ pid: holder.pid, hostname: os.hostname(), startTime: processStartTime(holder.pid!) });
    expect(recorded.token).not.toBe(currentHolder().token);
    expect(busy(dir).message).toBe(
      `The embedded database in ${dir} is open in another process (pid ${holder.pid} on ${os.hostname()}). ` +
        "Stop that process first, or set DATABASE_URL to use a PostgreSQL server.",
    );
  });

  it("takes over the lock of a holder killed with SIGKILL", async () => {
    const { dir, lockPath } = dataFolder();
    const holder = await holderProcess(dir);
    holder.kill("SIGKILL");
    await once(holder, "exit");
    expect(readHolder(lockPath).pid).toBe(holder.pid);
    takesOver(dir, lockPath);
  });

  it("takes over a crashed holder's lock when its pid now belongs to an unrelated live process", async () => {
    const { dir, lockPath } = dataFolder();
    const holder = await holderProcess(dir);
    holder.kill("SIGKILL");
    await once(holder, "exit");
    // After a restart the old pid is someone else's: the lock names a pid that is alive, but a
    // process that started at another time than the one that wrote it.
    const other = bystander();
    fs.writeFileSync(lockPath, JSON.stringify({ ...readHolder(lockPath), pid: other.pid }));
    takesOver(dir, lockPath);
  });

  it("takes over a lock written before the machine last booted, whatever its pid is now", () => {
    const { dir, lockPath } = dataFolder();
    const me = currentHolder();
    fs.writeFileSync(lockPath, JSON.stringify({ ...me, pid: bystander().pid, token: "before-the-reboot", bootId: "0f0e0d0c-0000-4000-8000-000000000000" }));
    takesOver(dir, lockPath);
  });

  it("respects a holder it cannot check (another host) while it keeps the lock fresh, and takes over once it went quiet", () => {
    const { dir, lockPath } = dataFolder();
    const remote: LockHolder = { pid: 4242, startTime: "100", bootId: "remote-boot", pidNamespace: "pid:[1]", hostname: "other-host", token: "remote" };
    fs.writeFileSync(lockPath, JSON.stringify(remote));
    expect(busy(dir).message).toMatch(/^The embedded database in .* is open in another process \(pid 4242 on other-host, which cannot be checked from here; it was active \d+ s ago\)\./);
    const quiet = new Date(Date.now() - LOCK_STALE_AFTER_MS - 1000);
    fs.utimesSync(lockPath, quiet, quiet);
    takesOver(dir, lockPath);
  });

  it("reads the bare pid earlier versions wrote: a dead one is taken over, a live one refused", async () => {
    const { dir, lockPath } = dataFolder();
    const gone = spawn("true");
    await once(gone, "exit");
    fs.writeFileSync(lockPath, String(gone.pid));
    takesOver(dir, lockPath);
    const alive = bystander();
    fs.writeFileSync(lockPath, String(alive.pid));
    expect(busy(dir).message).toContain(`(pid ${alive.pid} on`);
  });

  it("releases only its own lock, never one another process took over meanwhile", () => {
    const { dir, lockPath } = dataFolder();
    const release = acquireEmbeddedLock(dir);
    const successor = { ...currentHolder(), token: "successor" };
    fs.writeFileSync(lockPath, JSON.stringify(successor));
    release();
    expect(readHolder(lockPath).token).toBe("successor");
  });
});
