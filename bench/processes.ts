// Child processes of the benchmark (next build, next start) and what Linux says about them:
// the process tree, which process listens on a port, its resident memory and CPU time.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

const CLOCK_TICKS_PER_SECOND = 100;

export type Child = { process: ChildProcess; pid: number; name: string; log: string; exited: Promise<number | null> };

/**
 * Runs `node next <args>` in its own process group (so stopping it stops whatever it spawned),
 * with its output in `logFile`. The `next` is the one `cwd` resolves: a second copy of Next (and
 * so of React) next to the one the app was built against breaks rendering.
 */
export function startNext(
  name: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): Child {
  const out = fs.openSync(options.logFile, "w");
  const nextBin = createRequire(path.join(options.cwd, "package.json")).resolve("next/dist/bin/next");
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", out, out],
    detached: true,
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`Could not start ${name}.`);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { process: child, pid: child.pid, name, log: options.logFile, exited };
}

function isRunning(child: Child): boolean {
  return child.process.exitCode === null && child.process.signalCode === null;
}

/** SIGTERM to the child's process group, SIGKILL after `graceMs`. */
export async function stopChild(child: Child, graceMs = 5_000): Promise<void> {
  if (!isRunning(child)) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Waits for a child to exit with code 0, within `timeoutMs`; shows the end of its log otherwise. */
export async function waitForSuccess(child: Child, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const outcome = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    await stopChild(child);
    throw new Error(`${child.name} took longer than ${Math.round(timeoutMs / 1000)} s.\n${tail(child.log)}`);
  }
  if (outcome !== 0) throw new Error(`${child.name} failed (exit code ${outcome}).\n${tail(child.log)}`);
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

/** A port the kernel just handed out on 127.0.0.1, so nothing else is using it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers 200, the child dies, or `timeoutMs` passes. Returns how many
 * responses the server gave (each may have cost it work, e.g. database queries).
 */
export async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let responses = 0;
  while (Date.now() < deadline) {
    if (!isRunning(child)) throw new Error(`${child.name} exited before it was ready.\n${tail(child.log)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      responses += 1;
      if (response.ok) return responses;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${child.name} did not answer ${url} within ${Math.round(timeoutMs / 1000)} s.\n${tail(child.log)}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readProc(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function pids(): number[] {
  return fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number);
}

function parentOf(pid: number): number | null {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name may contain spaces and parentheses; fields resume after the last ")".
  const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
  return fields ? Number(fields[1]) : null;
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const candidate of pids()) {
    const parent = parentOf(candidate);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), candidate]);
  }
  const tree: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const next = queue.shift()!;
    tree.push(next);
    queue = queue.concat(children.get(next) ?? []);
  }
  return tree;
}

/** The process in `pid`'s tree that holds the listening socket on `port` (`next start` may fork). */
export function listeningProcess(rootPid: number, port: number): number {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of (readProc(table) ?? "").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; field 9 is the socket inode.
      if (fields.length > 9 && fields[3] === "0A" && Number.parseInt(fields[1]!.split(":")[1]!, 16) === port) {
        inodes.add(`socket:[${fields[9]}]`);
      }
    }
  }
  for (const pid of processTree(rootPid)) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))) return pid;
      } catch {
        // The descriptor closed while we looked.
      }
    }
  }
  throw new Error(`No process under pid ${rootPid} listens on port ${port}.`);
}

/** VmRSS and VmHWM (peak RSS since the process started), in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readProc(`/proc/${pid}/status`) ?? "";
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
  return { rss: kib("VmRSS"), peak: kib("VmHWM") };
}

/** User + system CPU seconds the process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return Number.NaN;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

export type CpuSnapshot = Map<number, { comm: string; seconds: number }>;

/** CPU seconds used so far by every running process, with its command name (e.g. postgres). */
export function cpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const pid of pids()) {
    const stat = readProc(`/proc/${pid}/stat`);
    if (stat) snapshot.set(pid, { comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), seconds: cpuSecondsOf(pid) || 0 });
  }
  return snapshot;
}

/**
 * CPU seconds used between two snapshots, per command name, by processes alive at the second
 * (new ones count whole; ones that exited in between are lost), leaving out the pids in `skip`.
 */
export function cpuSecondsByCommandBetween(before: CpuSnapshot, after: CpuSnapshot, skip: ReadonlySet<number>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [pid, { comm, seconds }] of after) {
    if (skip.has(pid)) continue;
    const used = Math.max(0, seconds - (before.get(pid)?.seconds ?? 0));
    if (used > 0) totals.set(comm, (totals.get(comm) ?? 0) + used);
  }
  return totals;
}

/**
 * Jiffies the whole machine spent running processes (user, nice, system), to compare with what
 * the benchmark's own processes used. Interrupt time (the loopback network stack) is left out:
 * no process is charged for it.
 */
export function machineCpu(): { busy: number } {
  const line = (readProc("/proc/stat") ?? "").split("\n")[0]!;
  const [user = 0, nice = 0, system = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system };
}
