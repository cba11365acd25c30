// What a job carries from the work that queued it, and how it runs: the request id (so the job's
// log lines share the request's) and the trace context (so its span joins the request's trace)
// travel in the payload as `_context`, added by enqueue and taken off before a handler sees the
// data. Every job, periodic ones too, runs in its own request scope and span.
import "server-only";
import { context, propagation, ROOT_CONTEXT } from "@opentelemetry/api";
import { log } from "../observability/log";
import { currentScope, newRequestId, runInScope } from "../observability/request-scope";
import { withSpan } from "../observability/tracing";

const KEY = "_context";

/** All optional: a job queued outside a request or without tracing carries less, or nothing. */
export type CarriedContext = { requestId?: string; traceparent?: string; tracestate?: string };

/** W3C Trace Context's fields; anything else a propagator adds (baggage) stays behind. */
const TRACE_FIELDS = ["traceparent", "tracestate"] as const;

/** `data` with the context of the work running now, when there is any to carry. */
export function withCarriedContext<T extends object>(data: T): T & { [KEY]?: CarriedContext } {
  const carried: CarriedContext = {};
  const requestId = currentScope()?.requestId;
  if (requestId) carried.requestId = requestId;
  // Nothing is written while tracing is off: the API's propagator then does nothing.
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  for (const field of TRACE_FIELDS) if (headers[field]) carried[field] = headers[field];
  return Object.keys(carried).length > 0 ? { ...data, [KEY]: carried } : data;
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 512;
}

/** A payload as a handler must see it (no `_context`), and what it carried (checked: it was stored). */
export function splitPayload(payload: unknown): { data: object; carried: CarriedContext } {
  if (typeof payload !== "object" || payload === null) return { data: {}, carried: {} };
  if (!(KEY in payload)) return { data: payload, carried: {} };
  const { [KEY]: raw, ...data } = payload as Record<string, unknown>;
  const carried: CarriedContext = {};
  if (typeof raw === "object" && raw !== null) {
    for (const field of ["requestId", ...TRACE_FIELDS] as const) {
      const value = (raw as Record<string, unknown>)[field];
      if (isText(value)) carried[field] = value;
    }
  }
  return { data, carried };
}

export type JobRun = { queue: string; id: string; engine: "pg-boss" | "in-process" };

/**
 * Runs one job's handler on its data: in a request scope with the id it carried (or a new one),
 * inside a `job <queue>` span that continues the trace it carried (or starts one). A failure is
 * logged here, with the job's scope, and rethrown for the runner to retry or keep.
 */
export function runJob(job: JobRun, payload: unknown, work: (data: object) => Promise<void>): Promise<void> {
  const { data, carried } = splitPayload(payload);
  const requestId = carried.requestId ?? newRequestId();
  const parent = propagation.extract(ROOT_CONTEXT, carried);
  const attributes = {
    "messaging.system": job.engine,
    "messaging.destination.name": job.queue,
    "messaging.message.id": job.id,
    "messaging.operation.type": "process",
    "atelier.request_id": requestId,
  };
  return runInScope({ requestId, job: { id: job.id, queue: job.queue } }, () =>
    context.with(parent, () =>
      withSpan(`job ${job.queue}`, attributes, async () => {
        const started = performance.now();
        try {
          await work(data);
          log.debug({ ms: Math.round(performance.now() - started) }, "job done");
        } catch (error) {
          log.error({ err: error, ms: Math.round(performance.now() - started) }, "job failed");
          throw error;
        }
      }),
    ),
  );
}
