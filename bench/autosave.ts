// The editor's autosave under load: many creators, each saving their own long draft on a fixed
// schedule through the very request the browser editor sends (tRPC's batch link: POST
// /api/trpc/post.save?batch=1, a superjson body, the session cookie and the browser's Origin).
// Each save names the version the previous one returned, as the editor does, so none conflict.
import superjson from "superjson";
import type { DocumentNode, PostDocument } from "@/lib/document/validate";
import { startWindow, waitForQuiet, type LoadOptions, type Measurement } from "./load";
import type { AutosaveWriter } from "./scenarios";

export type AutosaveOptions = {
  /** Each writer saves this often, as a steadily typing creator's editor would. */
  intervalMs: number;
  /** Seconds of saves counted in the figures, after `warmupSeconds` not counted. */
  durationSeconds: number;
  warmupSeconds: number;
};

export type AutosaveMeasurement = {
  name: string;
  writers: number;
  durationSeconds: number;
  intervalMs: number;
  saves: number;
  /** Saves scheduled per second (writers ÷ interval), and answered per second within the window. */
  scheduledPerSecond: number;
  achievedPerSecond: number;
  /** How late the saves started, behind their schedule (one save at a time per writer), ms. */
  startDelayMs: { p50: number; max: number };
  roundTripMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  requestBytes: number;
  conflicts: number;
  errors: number;
  firstError: string | null;
  serverCpuMsPerSave: number;
  cpuPercentOfOneCore: Measurement["cpuPercentOfOneCore"];
  rss: Measurement["rss"];
  backgroundCpuPercentBefore: number;
};

type Outcome = { ok: true; version: number } | { ok: false; conflict: boolean; message: string };

/** Reads the version out of tRPC's batch answer, or why there is none. */
function outcomeOf(status: number, body: string): Outcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, conflict: false, message: `HTTP ${status}: ${body.slice(0, 200)}` };
  }
  const [entry] = Array.isArray(parsed) ? (parsed as Array<{ result?: { data?: { json?: { version?: unknown } } }; error?: { json?: { message?: string; data?: { code?: string; appCode?: string } } } }>) : [];
  const version = entry?.result?.data?.json?.version;
  if (status === 200 && typeof version === "number") return { ok: true, version };
  const error = entry?.error?.json;
  const conflict = error?.data?.appCode === "CONFLICT" || error?.data?.code === "CONFLICT";
  return { ok: false, conflict, message: `HTTP ${status}: ${error?.message ?? body.slice(0, 200)}` };
}

/** The draft with its last paragraph changed a little: the `n`th save of a creator who keeps typing. */
function edited(document: PostDocument, n: number): PostDocument {
  const content = document.content!;
  const last = content.at(-1)!;
  const paragraph: DocumentNode = { ...last, content: [...(last.content ?? []), { type: "text", text: ` And one more thought, number ${n}.` }] };
  return { ...document, content: [...content.slice(0, -1), paragraph] };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/**
 * Runs every writer's schedule against `origin` (the app, or the baseline's stand-in route) and
 * reports the saves scheduled inside the measured window. `pid` is the server, for its CPU.
 */
export async function measureAutosave(
  name: string,
  target: { origin: string; pid: number },
  writers: AutosaveWriter[],
  options: AutosaveOptions,
  load: LoadOptions,
): Promise<AutosaveMeasurement> {
  const quiet = await waitForQuiet(name, load);
  const url = `${target.origin}/api/trpc/post.save?batch=1`;
  const { intervalMs } = options;
  const started = performance.now() + 100;
  const windowStart = started + options.warmupSeconds * 1000;
  const windowEnd = windowStart + options.durationSeconds * 1000;
  const roundTrips: number[] = [];
  const delays: number[] = [];
  let finishedInWindow = 0;
  let conflicts = 0;
  let errors = 0;
  let firstError: string | null = null;
  let requestBytes = 0;
  let span: ReturnType<typeof startWindow> | undefined;
  const spanTimer = setTimeout(() => (span = startWindow(target.pid)), windowStart - performance.now());

  const writerLoop = async (writer: AutosaveWriter, index: number) => {
    let version = writer.version;
    // Writers start spread over one interval, so saves arrive evenly rather than in bursts.
    for (let n = 0, at = started + (index * intervalMs) / writers.length; at < windowEnd; n++, at += intervalMs) {
      await sleepUntil(at);
      const input = {
        id: writer.postId,
        baseVersion: version,
        title: writer.title,
        document: edited(writer.document, n),
        reason: "autosave" as const,
        replacesConflict: false,
      };
      const body = JSON.stringify({ 0: superjson.serialize(input) });
      const sentAt = performance.now();
      let outcome: Outcome;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            cookie: writer.session.cookie,
            origin: target.origin,
            referer: `${target.origin}/studio/posts/${writer.postId}`,
            "sec-fetch-site": "same-origin",
            "sec-fetch-mode": "cors",
            "sec-fetch-dest": "empty",
          },
          body,
        });
        outcome = outcomeOf(response.status, await response.text());
      } catch (error) {
        outcome = { ok: false, conflict: false, message: (error as Error).message };
      }
      const finishedAt = performance.now();
      if (finishedAt >= windowStart && finishedAt < windowEnd) finishedInWindow += 1;
      if (at >= windowStart) {
        roundTrips.push(finishedAt - sentAt);
        delays.push(sentAt - at);
        requestBytes = Buffer.byteLength(body);
      }
      if (outcome.ok) {
        version = outcome.version;
      } else {
        // Counted whether measured or not: a failed save anywhere means the figures measure nothing.
        if (outcome.conflict) conflicts += 1;
        else errors += 1;
        firstError ??= outcome.message;
        return;
      }
    }
  };
  await Promise.all(writers.map(writerLoop));
  clearTimeout(spanTimer);
  if (!span) throw new Error(`${name}: the run ended before its measured window began.`);
  const { cpu, serverCpuSeconds, rss } = span.finish(name, load);

  const sorted = [...roundTrips].sort((a, b) => a - b);
  const sortedDelays = [...delays].sort((a, b) => a - b);
  return {
    name,
    writers: writers.length,
    durationSeconds: options.durationSeconds,
    intervalMs,
    saves: roundTrips.length,
    scheduledPerSecond: writers.length / (intervalMs / 1000),
    achievedPerSecond: finishedInWindow / options.durationSeconds,
    startDelayMs: { p50: percentile(sortedDelays, 50), max: sortedDelays.at(-1) ?? Number.NaN },
    roundTripMs: {
      mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted.at(-1) ?? Number.NaN,
    },
    requestBytes,
    conflicts,
    errors,
    firstError,
    serverCpuMsPerSave: (serverCpuSeconds * 1000) / roundTrips.length,
    cpuPercentOfOneCore: cpu,
    rss,
    backgroundCpuPercentBefore: quiet.background,
  };
}
