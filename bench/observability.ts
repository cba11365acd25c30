// What watching the app costs: the anonymous public post with logging, metrics and traces off, on
// (info logs, Prometheus metrics scraped during the run), and on with traces exported to an OTLP
// receiver, each configuration on its own fresh `next start` of the same build, measured like the
// public post, in rounds whose order reverses each time (off, on, traces, then traces, on, off) so
// a slow drift of the machine weighs on every configuration alike. Each configuration is checked
// to be in effect: a figure for "on" without metrics, or "traces" without spans, measures nothing.
import fs from "node:fs";
import { measure, type LoadOptions, type Measurement } from "./load";
import type { OtlpReceiver } from "./otlp-receiver";
import { checkPage, publicArticle } from "./pages";
import { sleep, stopChild, type Child } from "./processes";

export const CONFIGURATIONS = ["off", "on", "traces"] as const;
export type Configuration = (typeof CONFIGURATIONS)[number];

/** The goals: throughput at most 3 % lower with metrics and logging, 10 % with traces. */
export const GOALS = { on: 0.97, traces: 0.9 } as const;

/** Only for this benchmark's throwaway server; never a real secret. */
const METRICS_TOKEN = "atelier-bench-only-metrics-token-0123456789";
const METRICS_PATH = "/api/metrics";
/** Three times as often as the 15 s of Prometheus's example configuration: the cost, if anything, overstated. */
export const SCRAPE_EVERY_SECONDS = 5;
/** Prometheus's default scrape timeout. */
const SCRAPE_TIMEOUT_MS = 10_000;
/** Longer than the batch span processor's 5 s schedule: this long without an export, it has flushed. */
const SPANS_QUIET_MS = 6_000;
const SPANS_SETTLE_MAX_MS = 20_000;

/** The app process as run.ts serves it. */
export type ServedApp = { child: Child; pid: number; url: (path: string) => string; readinessResponses: number };

const OBSERVABILITY_SETTINGS = /^(LOG_LEVEL|METRICS_TOKEN|METRICS_ALLOW|OTEL_\w+)$/;

/**
 * The app's environment for a configuration. Whatever the shell running the bench has set for
 * logging, metrics or OpenTelemetry is dropped first, so each configuration is exactly what it says.
 */
export function observabilityEnv(base: NodeJS.ProcessEnv, configuration: Configuration, otlpEndpoint?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of Object.keys(env)) if (OBSERVABILITY_SETTINGS.test(name)) delete env[name];
  if (configuration === "off") return { ...env, LOG_LEVEL: "silent" };
  const on = { ...env, LOG_LEVEL: "info", METRICS_TOKEN };
  if (configuration === "on") return on;
  if (!otlpEndpoint) throw new Error("The traces configuration needs the OTLP receiver's endpoint.");
  return { ...on, OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint };
}

export type ScrapeTally = {
  count: number;
  /** Scrapes that did not answer 200 with atelier_ metrics, and what the first one got. */
  failed: number;
  firstFailure: string | null;
  /** atelier_ samples in the last good scrape. */
  atelierSamples: number;
  durationMs: { median: number; max: number };
};

export type ObservedRun = {
  round: number;
  configuration: Configuration;
  measurement: Measurement;
  /** Every request the server answered over its life: readiness, checks, warm-up, run, scrapes. */
  requestsServed: number;
  /** pino's JSON lines in the server's output over its life. */
  log: { lines: number; bytes: number; linesPerRequest: number; bytesPerRequest: number };
  scrapes: ScrapeTally | null;
  /** Spans that reached the receiver from this server (after it flushed), per request it answered. */
  spans: { received: number; exports: number; bytes: number; perRequest: number; contentTypes: string[] };
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Sample lines of the app's own metrics (`atelier_…`) in Prometheus's text format. */
const atelierSamples = (text: string) => text.match(/^atelier_\w+(\{[^}]*\})? \S+/gm)?.length ?? 0;

async function scrapeOnce(url: string): Promise<{ ok: true; samples: number; ms: number } | { ok: false; problem: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` }, signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    const text = await response.text();
    const samples = atelierSamples(text);
    if (response.status !== 200 || samples === 0) {
      return { ok: false, problem: `answered ${response.status} with ${samples} atelier_ samples` };
    }
    return { ok: true, samples, ms: performance.now() - started };
  } catch (error) {
    return { ok: false, problem: `failed: ${(error as Error).message}` };
  }
}

/** Scrapes like Prometheus: one at a time, every SCRAPE_EVERY_SECONDS, from the moment it starts. */
function startScraper(url: string, tally: ScrapeTally, durations: number[]): { stop: () => Promise<void> } {
  let stopped = false;
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!stopped) {
      const next = performance.now() + SCRAPE_EVERY_SECONDS * 1000;
      const scrape = await scrapeOnce(url);
      tally.count += 1;
      if (scrape.ok) {
        tally.atelierSamples = scrape.samples;
        durations.push(scrape.ms);
      } else {
        tally.failed += 1;
        tally.firstFailure ??= scrape.problem;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.max(0, next - performance.now()));
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake();
      await loop;
    },
  };
}

/** pino writes one JSON object per line with a numeric level; Next.js's own lines are plain text. */
function pinoLines(logFile: string): { lines: number; bytes: number } {
  let lines = 0;
  let bytes = 0;
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      if (typeof (JSON.parse(line) as { level?: unknown }).level !== "number") continue;
    } catch {
      continue;
    }
    lines += 1;
    bytes += Buffer.byteLength(line) + 1;
  }
  return { lines, bytes };
}

export type Observer = {
  /** Before the load: proves the configuration is in effect, and returns what runs beside the load. */
  check: (server: ServedApp) => Promise<{ alongside?: () => { stop: () => Promise<void> } }>;
  /** Requests the observer itself made of the server (the check and the scrapes). */
  requests: () => number;
  /** After the load, before the server stops: lets the exporter send what it still holds. */
  settle: () => Promise<void>;
  /** After the server stopped: the figures, and a failure if the configuration was not what it says. */
  finish: (round: number, measurement: Measurement, requestsServed: number, logFile: string) => ObservedRun;
};

/** Opened before the server starts, so every span it exports is counted. */
export function observe(configuration: Configuration, receiver: OtlpReceiver): Observer {
  const before = receiver.totals();
  const tally: ScrapeTally = { count: 0, failed: 0, firstFailure: null, atelierSamples: 0, durationMs: { median: 0, max: 0 } };
  const durations: number[] = [];
  let checks = 0;
  const label = `"${configuration}"`;

  return {
    async check(server) {
      checks += 1;
      if (configuration === "off") {
        const status = (await fetch(server.url(METRICS_PATH))).status;
        if (status !== 404) throw new Error(`${label}: ${METRICS_PATH} answered ${status} with neither METRICS_TOKEN nor METRICS_ALLOW set; metrics are not off.`);
        return {};
      }
      const first = await scrapeOnce(server.url(METRICS_PATH));
      if (!first.ok) {
        throw new Error(
          `${label}: ${METRICS_PATH} ${first.problem} with METRICS_TOKEN set, not 200 with atelier_ metrics: ` +
            `the app's metrics are not in this build, so the figure would not include a metrics set-up.`,
        );
      }
      return { alongside: () => startScraper(server.url(METRICS_PATH), tally, durations) };
    },
    requests: () => checks + tally.count,
    async settle() {
      if (configuration !== "traces") return;
      const started = performance.now();
      for (;;) {
        const last = receiver.totals().lastExportAt ?? started;
        const now = performance.now();
        if (now - Math.max(last, started) >= SPANS_QUIET_MS || now - started >= SPANS_SETTLE_MAX_MS) return;
        await sleep(250);
      }
    },
    finish(round, measurement, requestsServed, logFile) {
      const after = receiver.totals();
      if (after.unreadable > before.unreadable) {
        throw new Error(`${label}: the OTLP receiver could not take ${after.unreadable - before.unreadable} requests (first: ${after.firstProblem}).`);
      }
      const received = after.spans - before.spans;
      if (configuration === "traces" && received === 0) {
        throw new Error(
          `${label}: no spans reached the bench's OTLP receiver (${receiver.endpoint}/v1/traces) though ` +
            `OTEL_EXPORTER_OTLP_ENDPOINT was set: the app exported no traces, so the figure would measure nothing.`,
        );
      }
      if (configuration !== "traces" && received > 0) {
        throw new Error(`${label}: ${received} spans reached the OTLP receiver without OTEL_EXPORTER_OTLP_ENDPOINT set; traces are not off.`);
      }
      if (configuration !== "off" && (tally.count === 0 || tally.failed > 0)) {
        throw new Error(
          `${label}: ${tally.failed} of ${tally.count} scrapes of ${METRICS_PATH} during the run did not answer 200 with ` +
            `atelier_ metrics (first: ${tally.firstFailure ?? "no scrape ran"}).`,
        );
      }
      const log = pinoLines(logFile);
      if (configuration === "off" && log.lines > 0) {
        throw new Error(`${label}: the server wrote ${log.lines} log lines with LOG_LEVEL=silent (${logFile}); logging is not off.`);
      }
      if (durations.length) tally.durationMs = { median: median(durations), max: Math.max(...durations) };
      return {
        round,
        configuration,
        measurement,
        requestsServed,
        log: { ...log, linesPerRequest: log.lines / requestsServed, bytesPerRequest: log.bytes / requestsServed },
        scrapes: configuration === "off" ? null : tally,
        spans: {
          received,
          exports: after.exports - before.exports,
          bytes: after.bytes - before.bytes,
          perRequest: received / requestsServed,
          contentTypes: Object.keys(after.contentTypes).filter((type) => after.contentTypes[type]! > (before.contentTypes[type] ?? 0)),
        },
      };
    },
  };
}

export type ObservabilityOptions = {
  rounds: number;
  load: LoadOptions;
  /** The public post's path. */
  path: string;
  receiver: OtlpReceiver;
  /** The app's environment (observability off) that each configuration starts from. */
  env: NodeJS.ProcessEnv;
  /** `next start` of the app's build, tracked for clean-up, its output in `child.log`. */
  serve: (name: string, env: NodeJS.ProcessEnv, readyPath: string) => Promise<ServedApp>;
  log: (message: string) => void;
};

/** Round r runs off, on, traces when r is odd and the reverse when it is even. */
export function roundOrder(round: number): Configuration[] {
  return round % 2 ? [...CONFIGURATIONS] : [...CONFIGURATIONS].reverse();
}

/** One configuration on a fresh server: checked, loaded like the public post, flushed, stopped, tallied. */
async function measureConfiguration(round: number, configuration: Configuration, options: ObservabilityOptions): Promise<ObservedRun> {
  const { path, receiver } = options;
  const observer = observe(configuration, receiver);
  const env = observabilityEnv(options.env, configuration, receiver.endpoint);
  const name = `public post, ${configuration} (round ${round})`;
  const server = await options.serve(`observability-${configuration}-${round}`, env, path);
  let measurement: Measurement;
  try {
    const page = await checkPage(server.url(path), publicArticle());
    const { alongside } = await observer.check(server);
    options.log(`${name} ready (pid ${server.pid}): ${page.bytes} bytes`);
    measurement = await measure({ name, url: server.url(path), pid: server.pid, alongside }, options.load);
    await observer.settle();
  } finally {
    await stopChild(server.child);
  }
  const requestsServed = server.readinessResponses + 1 + observer.requests() + measurement.requestsSent;
  return observer.finish(round, measurement, requestsServed, server.child.log);
}

type Figures = { requestsPerSecond: number; p50: number; p99: number; serverCpuMsPerRequest: number };

export type VersusOff = {
  /** Median of this configuration's runs ÷ median of the off runs. */
  requestsPerSecond: number;
  p99: number;
  serverCpuPerRequest: number;
  /** The throughput ratio within each round (each run against the off run of its round). */
  roundRatios: number[];
  goal: number;
  met: boolean;
};

export type ObservabilityResults = {
  rounds: number;
  order: Configuration[];
  scrapeEverySeconds: number;
  goals: typeof GOALS;
  runs: ObservedRun[];
  median: Record<Configuration, Figures>;
  vsOff: { on: VersusOff; traces: VersusOff };
};

function summarise(runs: ObservedRun[], rounds: number): ObservabilityResults {
  const of = (configuration: Configuration) => runs.filter((run) => run.configuration === configuration);
  const figures = (configuration: Configuration): Figures => {
    const measured = of(configuration).map((run) => run.measurement);
    return {
      requestsPerSecond: median(measured.map((m) => m.requestsPerSecond)),
      p50: median(measured.map((m) => m.latencyMs.p50)),
      p99: median(measured.map((m) => m.latencyMs.p99)),
      serverCpuMsPerRequest: median(measured.map((m) => m.serverCpuMsPerRequest)),
    };
  };
  const medians = { off: figures("off"), on: figures("on"), traces: figures("traces") };
  const versus = (configuration: "on" | "traces"): VersusOff => {
    const { off, [configuration]: observed } = medians;
    const requestsPerSecond = observed.requestsPerSecond / off.requestsPerSecond;
    const roundRatios = of(configuration).map((run) => {
      const pair = of("off").find((candidate) => candidate.round === run.round)!;
      return run.measurement.requestsPerSecond / pair.measurement.requestsPerSecond;
    });
    return {
      requestsPerSecond,
      p99: observed.p99 / off.p99,
      serverCpuPerRequest: observed.serverCpuMsPerRequest / off.serverCpuMsPerRequest,
      roundRatios,
      goal: GOALS[configuration],
      met: requestsPerSecond >= GOALS[configuration],
    };
  };
  return {
    rounds,
    order: Array.from({ length: rounds }, (_, index) => roundOrder(index + 1)).flat(),
    scrapeEverySeconds: SCRAPE_EVERY_SECONDS,
    goals: GOALS,
    runs,
    median: medians,
    vsOff: { on: versus("on"), traces: versus("traces") },
  };
}

/**
 * Every round after `first`, the off run of round 1: the public post's own figure (run.ts measures
 * it, with its database accounting, just before), so the same configuration is not measured twice.
 */
export async function measureObservability(first: ObservedRun, options: ObservabilityOptions): Promise<ObservabilityResults> {
  options.log(`observability: ${options.rounds} rounds of off, on, traces (the order reversing each round); off of round 1 is the public post's run`);
  const runs = [first];
  for (let round = 1; round <= options.rounds; round++) {
    for (const configuration of roundOrder(round)) {
      if (round === 1 && configuration === "off") continue;
      runs.push(await measureConfiguration(round, configuration, options));
    }
  }
  return summarise(runs, options.rounds);
}
