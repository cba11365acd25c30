// The embedded database's lock file: PGlite corrupts its folder when two processes open it, so the
// one that opens it holds `pglite.lock` beside the folder, and a second one is refused with a
// message naming the holder. The file says which process holds it precisely enough that a crash
// never locks the folder for good: a pid alone is not enough, since after a restart an unrelated
// process (in a container, often the new app itself) can have the dead holder's pid.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Who holds the lock. Written once when it is taken; its mtime is refreshed while it is held. */
export type LockHolder = {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat); null without /proc. */
  startTime: string | null;
  /** This boot of the machine: pids and start times are only comparable within one. */
  bootId: string | null;
  /** The pid namespace: a container sees other pids than its host under the same numbers. */
  pidNamespace: string | null;
  hostname: string;
  /** This process's own mark, so it never mistakes another holder's lock for its own. */
  token: string;
};

/** How often the holder touches the lock, so a holder that cannot be checked by pid can be seen alive. */
export const LOCK_HEARTBEAT_MS = 15_000;
/** A lock that cannot be checked by pid (another host or container) and was not touched for this long is a dead holder's. */
export const LOCK_STALE_AFTER_MS = 4 * LOCK_HEARTBEAT_MS;

export class EmbeddedDatabaseBusyError extends Error {
  constructor(holder: Pick<LockHolder, "pid" | "hostname">, dir: string, detail = "") {
    super(
      `The embedded database in ${dir} is open in another process (pid ${holder.pid} on ${holder.hostname}${detail}). ` +
        "Stop that process first, or set DATABASE_URL to use a PostgreSQL server.",
    );
  }
}

function readOptional(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** Field 22 of /proc/<pid>/stat, counted after the command name (which may itself hold spaces or parentheses). */
export function processStartTime(pid: number): string | null {
  const stat = readOptional(`/proc/${pid}/stat`);
  if (!stat) return null;
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
}

function pidNamespace(): string | null {
  try {
    return fs.readlinkSync("/proc/self/ns/pid");
  } catch {
    return null;
  }
}

const globalForLock = globalThis as unknown as { atelierLockToken?: string };

/** This process as a lock holder. */
export function currentHolder(): LockHolder {
  globalForLock.atelierLockToken ??= randomUUID();
  return {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: readOptional("/proc/sys/kernel/random/boot_id"),
    pidNamespace: pidNamespace(),
    hostname: os.hostname(),
    token: globalForLock.atelierLockToken,
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

type Verdict = { state: "ours" | "stale" } | { state: "held"; holder: Pick<LockHolder, "pid" | "hostname">; detail?: string };

/** Reads the lock file as a holder; a bare pid is what earlier versions wrote. */
function parseHolder(text: string): LockHolder | { pid: number } | null {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()) };
  try {
    const holder = JSON.parse(text) as LockHolder;
    return Number.isSafeInteger(holder.pid) && typeof holder.token === "string" ? holder : null;
  } catch {
    return null;
  }
}

/** Whether the lock at `lockPath` belongs to this process, a live other one, or a dead one. */
function judge(lockPath: string, now: number): Verdict {
  let text: string;
  let touchedAt: number;
  try {
    text = fs.readFileSync(lockPath, "utf8");
    touchedAt = fs.statSync(lockPath).mtimeMs;
  } catch {
    return { state: "stale" };
  }
  const holder = parseHolder(text);
  const me = currentHolder();
  // Unreadable: a holder dies between creating and filling the file only if it crashed then, and
  // a half-written file is never left by a live one (the file is linked into place complete).
  if (!holder) return { state: "stale" };
  if (!("token" in holder)) {
    if (holder.pid === me.pid) return { state: "ours" };
    return isAlive(holder.pid) ? { state: "held", holder: { pid: holder.pid, hostname: me.hostname } } : { state: "stale" };
  }
  if (holder.token === me.token) return { state: "ours" };
  const sameProcessTable = holder.hostname === me.hostname && holder.bootId === me.bootId && holder.pidNamespace === me.pidNamespace;
  if (sameProcessTable) {
    if (!isAlive(holder.pid)) return { state: "stale" };
    // Without /proc (macOS) a live pid has to be taken at its word, as before.
    if (holder.startTime === null) return { state: "held", holder };
    // The pid is alive, but a process started at another time is not the one that wrote the lock.
    return processStartTime(holder.pid) === holder.startTime ? { state: "held", holder } : { state: "stale" };
  }
  // The same machine since rebooted: everything that ran before the boot is gone.
  if (holder.hostname === me.hostname && holder.bootId && me.bootId && holder.bootId !== me.bootId) return { state: "stale" };
  // Another host or container, whose processes this one cannot see: alive while it keeps touching the file.
  const quietFor = Math.max(0, now - touchedAt);
  if (quietFor > LOCK_STALE_AFTER_MS) return { state: "stale" };
  return { state: "held", holder, detail: `, which cannot be checked from here; it was active ${Math.round(quietFor / 1000)} s ago` };
}

/** Creates the lock file with its whole content at once, or fails with EEXIST. */
function createLockFile(lockPath: string, holder: LockHolder): void {
  const draft = `${lockPath}.${holder.token}.new`;
  fs.writeFileSync(draft, JSON.stringify(holder), { mode: 0o644 });
  try {
    fs.linkSync(draft, lockPath);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/**
 * Takes the lock for the PGlite folder `dir` and returns its release. A lock left by a process
 * that no longer exists is taken over; one held by a live process is refused with a clear error.
 */
export function acquireEmbeddedLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(path.dirname(dir), "pglite.lock");
  const me = currentHolder();
  let heartbeat: NodeJS.Timeout | undefined;
  const release = () => {
    clearInterval(heartbeat);
    process.removeListener("exit", release);
    try {
      if ((parseHolder(fs.readFileSync(lockPath, "utf8")) as LockHolder | null)?.token === me.token) fs.unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      createLockFile(lockPath, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const verdict = judge(lockPath, Date.now());
      if (verdict.state === "held") throw new EmbeddedDatabaseBusyError(verdict.holder, dir, verdict.detail);
      if (verdict.state === "stale") {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
    }
    heartbeat = setInterval(() => {
      const now = new Date();
      fs.utimes(lockPath, now, now, () => {});
    }, LOCK_HEARTBEAT_MS);
    heartbeat.unref();
    process.once("exit", release);
    return release;
  }
  throw new Error(`Could not take the embedded database lock in ${dir}.`);
}
