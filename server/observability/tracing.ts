// Spans for the work Atelier does (tRPC procedures, jobs, emails, Stripe calls; queries get theirs
// in db/query-timing.ts), and the switch that turns tracing on. Through @opentelemetry/api only:
// with OTEL_EXPORTER_OTLP_ENDPOINT unset the SDK is never loaded, no tracer provider is registered,
// and every span here is the API's non-recording no-op.
import "server-only";
import { SpanStatusCode, trace, type Attributes, type Span } from "@opentelemetry/api";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Span as RecordedSpan,
  type Sampler,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { env, type TRACE_SAMPLERS } from "../env";
import { exported, LeafStepSampler, NextStepFilter } from "./next-steps";
import { redactLine } from "./redact";

const tracer = () => trace.getTracer("atelier");

/** Attributes that hold an address as it was asked for: Next.js puts the raw one on each request. */
const URL_ATTRIBUTES = ["http.target", "http.url", "url.full", "url.path", "url.query"];

/** What an exception event may keep: its kind, never its words or stack (they quote input). */
const EXCEPTION_TEXT = ["exception.message", "exception.stacktrace"];

/**
 * Takes out of a span's addresses what the log takes out of a line (./redact.ts): a sign-in link's
 * token and email, a signed media address's signature, an unsubscribe link's token, a searched-for
 * email address. Runs as each span starts, when Next.js has set the address, before any export.
 * And as each span ends, before the exporter's processor sees it: Next.js records an error that
 * escapes a page or route on its own span, message and stack included (a failed query's message
 * lists its parameters); the span keeps the error's type, and the log line of the same trace
 * (traceId) keeps the redacted message and stack.
 */
export class UrlRedactor implements SpanProcessor {
  onStart(span: RecordedSpan): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === "string") span.setAttribute(key, redactLine(value));
    }
  }
  onEnd(span: ReadableSpan): void {
    // A span that will not be sent (./next-steps.ts) needs no cleaning.
    if (!exported(span)) return;
    // NOTE: ReadableSpan is read-only in its types, but this processor runs before the exporter's
    // (see startTracing) and the span is not exported yet: its fields are still the ones sent.
    const ended = span as { status: ReadableSpan["status"] };
    if (ended.status.message) ended.status = { code: ended.status.code };
    for (const event of span.events) {
      for (const key of EXCEPTION_TEXT) if (event.attributes && key in event.attributes) delete event.attributes[key];
    }
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

/** The sampler OTEL_TRACES_SAMPLER names, with OTEL_TRACES_SAMPLER_ARG as its ratio. */
export function configuredSampler(name: (typeof TRACE_SAMPLERS)[number], ratio: number): Sampler {
  switch (name) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return new TraceIdRatioBasedSampler(ratio);
    case "parentbased_always_on":
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
}

/**
 * How spans are sampled and prepared, for the server (startTracing) and for the tests that record
 * spans. Next.js's leaf steps are never recorded, the rest as OTEL_TRACES_SAMPLER says. Each
 * recorded span then passes, in this order, the filter of Next.js's other internal steps (first,
 * so the redactor does not clean what will not be sent), the redactor, and `exporting`, the
 * processor that sends (or keeps) what is left.
 */
export function tracingOptions(exporting: SpanProcessor | "auto"): { traceSampler: Sampler; spanProcessors: Array<SpanProcessor | "auto"> } {
  const { OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG } = env();
  return {
    traceSampler: new LeafStepSampler(configuredSampler(OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG)),
    spanProcessors: [new NextStepFilter(), new UrlRedactor(), exporting],
  };
}

/**
 * Registers OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set, and says whether it did. Called
 * once, at start-up, before the server serves. Next.js reports its own spans (each request, each
 * render) to the provider registered here. The exporter follows the standard OTEL_* variables:
 * OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf by default, or http/json), OTEL_EXPORTER_OTLP_HEADERS,
 * OTEL_SERVICE_NAME; OTEL_TRACES_SAMPLER is read in server/env.ts (see tracingOptions).
 */
export async function startTracing(): Promise<boolean> {
  if (!env().OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  const { registerOTel } = await import("@vercel/otel");
  // "auto": the OTLP exporter those variables describe, batched (OTEL_BSP_* tune the batches);
  // after the processors that prepare each span.
  registerOTel({ serviceName: "atelier", ...tracingOptions("auto") });
  tracingRegistered();
  return true;
}

/** Says a tracer provider is registered (startTracing, or a test's recorder): spans are recorded. */
export function tracingRegistered(): void {
  globalForTracing.atelierTracing = true;
}

// NOTE: one flag per process; instrumentation and route handlers are separate bundles.
const globalForTracing = globalThis as unknown as { atelierTracing?: boolean };

/** Whether spans are recorded at all: without an exporter, procedures skip even the no-op span. */
function tracing(): boolean {
  return globalForTracing.atelierTracing === true;
}

/**
 * What went wrong, in a word that carries no data: a code (a PostgreSQL SQLSTATE, an app error
 * code, a Stripe or socket error code) or the error's class. Never its message: messages quote
 * input (a failed query's message lists its parameters; a mail server's names the recipient).
 */
export function errorType(error: unknown): string {
  if (typeof error !== "object" || error === null) return typeof error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.length <= 64) return code;
  return error instanceof Error ? error.name : "Error";
}

function markFailed(span: Span, type: string): void {
  span.setAttribute("error.type", type);
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/**
 * Runs `work` inside a span named `name`, a child of whatever span is active; a failure marks the
 * span with its errorType (never the message) and is rethrown. `attributes` must carry no personal
 * data: ids and kinds, never addresses, names or content.
 */
export function withSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, errorType(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

type ProcedureResult = { ok: true } | { ok: false; error: { code: string } };

/** tRPC codes the server answers with a 5xx: its own failures, as opposed to a caller's mistake. */
const SERVER_FAULTS = new Set(["INTERNAL_SERVER_ERROR", "NOT_IMPLEMENTED", "BAD_GATEWAY", "SERVICE_UNAVAILABLE", "GATEWAY_TIMEOUT"]);

/**
 * One span per tRPC call (over HTTP or in-process), named by procedure: the body of a middleware,
 * `t.middleware(({ path, type, next }) => traceProcedure(path, type, next))`. The result code is
 * an attribute; only a server fault marks the span failed (a NOT_FOUND is an answer, not a fault).
 */
export function traceProcedure<R extends ProcedureResult>(path: string, type: string, next: () => Promise<R>): Promise<R> {
  if (!tracing()) return next();
  const attributes = { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type };
  return tracer().startActiveSpan(`trpc ${path}`, { attributes }, async (span) => {
    try {
      const result = await next();
      span.setAttribute("trpc.code", result.ok ? "OK" : result.error.code);
      if (!result.ok && SERVER_FAULTS.has(result.error.code)) markFailed(span, result.error.code);
      return result;
    } finally {
      span.end();
    }
  });
}
