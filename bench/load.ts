// One measured target: warm it up, then autocannon for a fixed time while sampling the server's
// memory and CPU. An error, timeout or non-2xx answer fails the run: such figures measure nothing.
import autocannon, { type Result } from "autocannon";
import { cpuSecondsByCommandBetween, cpuSecondsOf, cpuSnapshot, machineCpu, memoryOf } from "./processes";

export type Target = {
  name: string;
  url: string;
  /** The process that serves it (the one listening), for memory and CPU. */
  pid: number;
  /** Sent with every request, e.g. a session cookie. */
  headers?: Record<string, string>;
  /**
   * Work that belongs to the configuration being measured and runs during the measured run only
   * (a metrics scraper): started as the window opens, stopped once its figures are read.
   */
  alongside?: () => { stop: () => Promise<void> };
};

export type LoadOptions = {
  connections: number;
  durationSeconds: number;
  warmupRequests: number;
  /** Before warming up, wait until the rest of the machine uses less than this (percent of a core)… */
  maxBackgroundCpuPercent: number;
  /** …but no longer than this; then measure anyway and say so. */
  quietWaitSeconds: number;
  /** Runs repeated when other processes were busy during one, before its figures are kept anyway. */
  retries: number;
};

export type Measurement = {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  requestsTotal: number;
  /** Requests sent to the server by the warm-up and the run, completed or not. */
  requestsSent: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  bytesPerResponse: number;
  /** Bytes. `before`: after warm-up; `peak`: highest sample during the run; `after`: at its end. */
  rss: { before: number; peak: number; after: number; highWaterMark: number };
  /** Server CPU time per request, milliseconds. */
  serverCpuMsPerRequest: number;
  /**
   * Where the machine's CPU went during the run, in percent of one core (200 = both cores):
   * the server, the load generator (this process), PostgreSQL, and everything else on the
   * machine. A large `other` means something outside the benchmark competed for the cores.
   */
  cpuPercentOfOneCore: { machine: number; server: number; loadGenerator: number; postgres: number; other: number };
  /** CPU the rest of the machine used just before the run (server idle), percent of one core. */
  backgroundCpuPercentBefore: number;
  waitedForQuietSeconds: number;
  /** 1, or more when a run was repeated because other processes were busy during it. */
  attempts: number;
};

const SAMPLE_EVERY_MS = 100;
/** Seconds before autocannon gives up on a response. Generous: a timeout fails the whole run. */
const REQUEST_TIMEOUT_SECONDS = 30;
const CLOCK_TICKS_PER_SECOND = 100;

function cpuShares(seconds: { machine: number; server: number; loadGenerator: number; postgres: number; elapsedSeconds: number }) {
  const percent = (value: number) => Math.round((100 * value) / seconds.elapsedSeconds);
  const other = Math.max(0, seconds.machine - seconds.server - seconds.loadGenerator - seconds.postgres);
  return {
    machine: percent(seconds.machine),
    server: percent(seconds.server),
    loadGenerator: percent(seconds.loadGenerator),
    postgres: percent(seconds.postgres),
    other: percent(other),
  };
}

function assertClean(result: Result, what: string): void {
  const codes = Object.keys(result.statusCodeStats ?? {}).filter((code) => !code.startsWith("2"));
  if (result.errors || result.timeouts || result.non2xx || codes.length > 0) {
    throw new Error(
      `${what}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx ` +
        `(status codes ${JSON.stringify(result.statusCodeStats)}). Figures with failures are not comparable.`,
    );
  }
  if (result.requests.total === 0) throw new Error(`${what}: no request completed.`);
}

/** Percent of one core the machine spent running processes over `ms`. */
async function machineCpuPercent(ms: number): Promise<number> {
  const before = machineCpu().busy;
  await new Promise((resolve) => setTimeout(resolve, ms));
  return Math.round((100 * (machineCpu().busy - before)) / CLOCK_TICKS_PER_SECOND / (ms / 1000));
}

/**
 * The machine is shared (two cores): tests or builds running next to the benchmark would be
 * measured with it. Waits for a quiet moment, within limits, and reports what it found.
 */
export async function waitForQuiet(name: string, options: LoadOptions): Promise<{ background: number; waited: number }> {
  const started = Date.now();
  let background = await machineCpuPercent(2_000);
  while (background > options.maxBackgroundCpuPercent && Date.now() - started < options.quietWaitSeconds * 1000) {
    console.log(`[bench] ${name}: other processes use ${background}% of a core; waiting for a quieter moment…`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    background = await machineCpuPercent(2_000);
  }
  if (background > options.maxBackgroundCpuPercent) {
    console.warn(`[bench] WARNING ${name}: measuring anyway with ${background}% of a core busy elsewhere.`);
  }
  return { background, waited: Math.round((Date.now() - started) / 1000) };
}

export type Window = {
  stopSampling: () => void;
  /** Where the CPU went since the window opened, and the server's memory. Warns if others were busy. */
  finish: (
    name: string,
    options: Pick<LoadOptions, "maxBackgroundCpuPercent">,
  ) => { cpu: Measurement["cpuPercentOfOneCore"]; serverCpuSeconds: number; elapsedSeconds: number; rss: Measurement["rss"] };
};

/** Opens a measuring window on the server `pid`: its CPU and memory, PostgreSQL's, the machine's and ours. */
export function startWindow(pid: number): Window {
  const before = memoryOf(pid);
  let peak = before.rss;
  const sampler = setInterval(() => {
    const { rss } = memoryOf(pid);
    if (rss > peak) peak = rss;
  }, SAMPLE_EVERY_MS);
  const cpuBefore = cpuSecondsOf(pid);
  const processesBefore = cpuSnapshot();
  const machineBefore = machineCpu();
  const ownBefore = process.cpuUsage();
  const startedAt = performance.now();
  return {
    stopSampling: () => clearInterval(sampler),
    finish(name, options) {
      clearInterval(sampler);
      const elapsedSeconds = (performance.now() - startedAt) / 1000;
      const own = process.cpuUsage(ownBefore);
      const machineAfter = machineCpu();
      const serverCpuSeconds = cpuSecondsOf(pid) - cpuBefore;
      const byCommand = cpuSecondsByCommandBetween(processesBefore, cpuSnapshot(), new Set([pid, process.pid]));
      const postgresSeconds = byCommand.get("postgres") ?? 0;
      const after = memoryOf(pid);
      const cpu = cpuShares({
        machine: (machineAfter.busy - machineBefore.busy) / CLOCK_TICKS_PER_SECOND,
        server: serverCpuSeconds,
        loadGenerator: (own.user + own.system) / 1e6,
        postgres: postgresSeconds,
        elapsedSeconds,
      });
      if (cpu.other > options.maxBackgroundCpuPercent) {
        // Name the biggest users, so a reader can tell a neighbour's test run from our own work.
        const top = [...byCommand]
          .filter(([comm]) => comm !== "postgres")
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([comm, seconds]) => `${comm} ${Math.round((100 * seconds) / elapsedSeconds)}%`)
          .join(", ");
        console.warn(`[bench] WARNING ${name}: other processes used ${cpu.other}% of a core during the run (${top}).`);
      }
      const rss = { before: before.rss, peak: Math.max(peak, after.rss), after: after.rss, highWaterMark: after.peak };
      return { cpu, serverCpuSeconds, elapsedSeconds, rss };
    },
  };
}

/**
 * One target's figures. A run during which other processes used more than the background limit is
 * repeated (up to `retries` times, on the same, now warmer, server); the last run is kept.
 */
export async function measure(target: Target, options: LoadOptions): Promise<Measurement> {
  let sentBefore = 0;
  for (let attempt = 1; ; attempt++) {
    const run = await measureOnce(target, options);
    const measurement = { ...run, requestsSent: run.requestsSent + sentBefore, attempts: attempt };
    if (run.cpuPercentOfOneCore.other <= options.maxBackgroundCpuPercent || attempt > options.retries) return measurement;
    sentBefore = measurement.requestsSent;
    console.log(`[bench] ${target.name}: measuring again, other processes were busy during the run.`);
  }
}

async function measureOnce(target: Target, options: LoadOptions): Promise<Omit<Measurement, "attempts">> {
  const { connections, durationSeconds, warmupRequests } = options;
  const quiet = await waitForQuiet(target.name, options);
  const { url, headers } = target;
  const warmup = await autocannon({ url, headers, connections, amount: warmupRequests, timeout: REQUEST_TIMEOUT_SECONDS });
  assertClean(warmup, `${target.name} warm-up`);

  const span = startWindow(target.pid);
  const beside = target.alongside?.();
  let result: Result;
  let window: ReturnType<Window["finish"]>;
  try {
    try {
      result = await autocannon({ url, headers, connections, duration: durationSeconds, timeout: REQUEST_TIMEOUT_SECONDS });
    } finally {
      span.stopSampling();
    }
    window = span.finish(target.name, options);
  } finally {
    // After the window closed: waiting for a scrape still in flight must not stretch the run.
    await beside?.stop();
  }
  const { cpu, serverCpuSeconds, rss } = window;
  assertClean(result, target.name);

  return {
    name: target.name,
    url: target.url,
    connections,
    durationSeconds,
    requestsPerSecond: result.requests.average,
    requestsTotal: result.requests.total,
    requestsSent: warmup.requests.sent + result.requests.sent,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    bytesPerResponse: Math.round(result.throughput.total / result.requests.total),
    rss,
    serverCpuMsPerRequest: (serverCpuSeconds * 1000) / result.requests.total,
    cpuPercentOfOneCore: cpu,
    backgroundCpuPercentBefore: quiet.background,
    waitedForQuietSeconds: quiet.waited,
  };
}
