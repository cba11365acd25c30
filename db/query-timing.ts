// Times every statement the app's database client runs and, inside a traced request or job, gives
// it a `db.query` span. The query-duration histogram and the traces both come from here; db/ knows
// neither metrics nor exporters: server code subscribes with observeQueries, and spans go to
// whatever tracer provider is registered. With no subscriber and no active span, a statement costs
// one array-length check and one context lookup more than it did.
import type { PGlite, Transaction } from "@electric-sql/pglite";
import { context, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import type postgres from "postgres";

export type QueryObservation = {
  /** From the moment the statement was awaited to its answer: waiting for a connection included. */
  seconds: number;
  ok: boolean;
};

type Listener = (query: QueryObservation) => void;

// NOTE: Next.js bundles route handlers and instrumentation separately, each with its own copy of
// this module; the one database client and the one metrics registry must share one list.
const globalForTiming = globalThis as unknown as { atelierQueryListeners?: Listener[] };
const listeners = (globalForTiming.atelierQueryListeners ??= []);

/**
 * Calls `listener` after every statement from now on, in every copy of this module. Subscribe once
 * per process (at start-up); the returned function unsubscribes.
 */
export function observeQueries(listener: Listener): () => void {
  listeners.push(listener);
  return () => {
    const index = listeners.indexOf(listener);
    if (index >= 0) listeners.splice(index, 1);
  };
}

/** Longer statements are cut: a span is kept whole by the collector, and a few KB tell enough. */
const MAX_TEXT_CHARS = 2000;

/** SELECT, INSERT, WITH, BEGIN, … : the statement's first keyword (a union starts with a bracket). */
export function operationOf(text: string): string {
  return /[a-z]+/i.exec(text)?.[0]?.toUpperCase() ?? "UNKNOWN";
}

function shortened(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS - 1)}…` : text;
}

type Finish = (ok: boolean, error: unknown, text: string) => void;

function notify(observation: QueryObservation): void {
  for (const listener of listeners) {
    try {
      listener(observation);
    } catch (error) {
      // A broken listener must not fail the query it observed.
      process.emitWarning(`A query listener failed: ${String(error)}`);
    }
  }
}

function endSpan(span: Span, ok: boolean, error: unknown, text: string): void {
  // The statement's text, never its values: the app's statements carry every value as a parameter
  // ($1, $2, …), and parameters are neither read nor recorded here.
  span.setAttributes({ "db.operation": operationOf(text), "db.query.text": shortened(text) });
  if (!ok) {
    // The code only (a SQLSTATE like 23505, or the driver's CONNECTION_CLOSED): messages quote values.
    const code = (error as { code?: unknown } | null)?.code;
    span.setAttribute("error.type", typeof code === "string" ? code : error instanceof Error ? error.name : "Error");
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** Starts watching one statement, or returns null when nobody listens and no trace is recording. */
function watch(): Finish | null {
  const traced = trace.getActiveSpan()?.isRecording() ?? false;
  if (!traced && listeners.length === 0) return null;
  const started = performance.now();
  const span = traced
    ? trace.getTracer("atelier-db").startSpan("db.query", { kind: SpanKind.CLIENT, attributes: { "db.system": "postgresql" } }, context.active())
    : undefined;
  return (ok, error, text) => {
    if (span) endSpan(span, ok, error, text);
    if (listeners.length > 0) notify({ seconds: (performance.now() - started) / 1000, ok });
  };
}

// postgres.js ---------------------------------------------------------------------------------------

/** The parts of postgres.js's Query (a Promise that runs its statement when first awaited) used here. */
type PostgresQuery = Promise<unknown> & {
  executed: boolean;
  canceller: unknown;
  strings: readonly string[];
  string?: string;
  handle(): Promise<void>;
};

const PATCHED = Symbol.for("atelier.queryTiming.patched");
const globalForClients = globalThis as unknown as { atelierTimedClients?: WeakSet<object> };
/** Each watched client's cancel function: every query of the client, in a transaction or not, holds it. */
const watchedClients = (globalForClients.atelierTimedClients ??= new WeakSet<object>());

function observe(query: PostgresQuery): void {
  const finish = watch();
  if (!finish) return;
  const text = () => query.string ?? query.strings.join("?");
  // Promise.prototype.then, not the query's own then: that one would run the query again.
  Promise.prototype.then.call(
    query,
    () => finish(true, undefined, text()),
    (error: unknown) => finish(false, error, text()),
  );
}

/**
 * Times every statement `client` runs: its own, those of its transactions and savepoints (BEGIN and
 * COMMIT included) and reserved connections. postgres.js has no hook for this, so the method every
 * query calls when it is first awaited (`handle`) is wrapped once on its class, and looks at only
 * the queries of watched clients; the client itself is not wrapped and behaves exactly as before
 * (tagged templates, unsafe, .values(), .raw(), fragments, transactions). Cursors are not timed:
 * their promise never settles. db/query-timing.int.test.ts checks all this on the installed version.
 */
export function instrumentPostgres(client: postgres.Sql): void {
  // A query that is never awaited is never run: this one only shows the class and the client's mark.
  const probe = client.unsafe("") as unknown as PostgresQuery;
  const prototype = Object.getPrototypeOf(probe) as PostgresQuery & { [PATCHED]?: true };
  if (typeof prototype.handle !== "function" || typeof probe.canceller !== "function" || !("executed" in probe)) {
    process.emitWarning("This postgres.js version is not the one db/query-timing.ts knows: database statements are not timed.");
    return;
  }
  watchedClients.add(probe.canceller);
  if (prototype[PATCHED]) return;
  const handle = prototype.handle;
  prototype.handle = function (this: PostgresQuery) {
    if (!this.executed && typeof this.canceller === "function" && watchedClients.has(this.canceller)) observe(this);
    return handle.call(this);
  };
  prototype[PATCHED] = true;
}

// PGlite --------------------------------------------------------------------------------------------

async function timed<T>(text: string, run: () => Promise<T>): Promise<T> {
  const finish = watch();
  if (!finish) return run();
  try {
    const result = await run();
    finish(true, undefined, text);
    return result;
  } catch (error) {
    finish(false, error, text);
    throw error;
  }
}

function timeStatements(target: Pick<Transaction, "query" | "exec">): void {
  const query = target.query.bind(target);
  const exec = target.exec.bind(target);
  target.query = ((text, params, options) => timed(text, () => query(text, params, options))) as Transaction["query"];
  target.exec = (text, options) => timed(text, () => exec(text, options));
}

/**
 * Times every statement the embedded database runs through `client` (what Drizzle calls: query,
 * exec, and the same inside transaction()). BEGIN and COMMIT run inside PGlite and are not timed.
 */
export function instrumentPglite(client: PGlite): void {
  timeStatements(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (callback) =>
    transaction((tx) => {
      timeStatements(tx);
      return callback(tx);
    });
}
