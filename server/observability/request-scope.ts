// What a log line or a span needs to know about the work it belongs to: the request's id (or the
// id a job inherited from the request that queued it) and, inside a job, which job. Carried by
// AsyncLocalStorage, so services, jobs and emails never pass it by hand.
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export type RequestScope = {
  /** The request's id (X-Request-Id); a job keeps the id of the request that queued it. */
  requestId: string;
  /** Set while a job runs. */
  job?: { id: string; queue: string };
};

// NOTE: Next.js bundles route handlers, server components and instrumentation separately, each
// with its own copy of this module; the scope must be one store per process, like the metrics.
const globalForScope = globalThis as unknown as { atelierRequestScope?: AsyncLocalStorage<RequestScope> };
const storage = (globalForScope.atelierRequestScope ??= new AsyncLocalStorage<RequestScope>());

export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/**
 * Makes `scope` the scope of the rest of the running code and of everything it starts: for a
 * request's first moment, where no callback wraps what follows (see server/http/request.ts).
 */
export function enterScope(scope: RequestScope): void {
  storage.enterWith(scope);
}

/** The scope of the work running now, if any (start-up and timers have none). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

export function newRequestId(): string {
  return crypto.randomUUID();
}
