// What Next.js itself reports, as log lines: the failures it catches (a page or layout that throws
// while rendering, a server action, the proxy), each logged once with the request's id and the
// error's digest (a reader's error page shows the digest, the only thing Next.js sends it, so
// either can be quoted and found); and, in production, whatever it or a library prints with
// console.*. Route handlers and tRPC log their own failures (server/http/request.ts, the tRPC route).
import "server-only";
import { format, stripVTControlCharacters } from "node:util";
import type { Instrumentation } from "next";
import { databaseOutage } from "@/db/client";
import { digestOf } from "@/lib/errors";
import { REQUEST_ID_HEADER } from "../http/request-id";
import { log, wasLogged } from "./log";
import { currentScope } from "./request-scope";

type RouteType = Parameters<Instrumentation.onRequestError>[2]["routeType"];

const WHAT_FAILED: Record<RouteType, string> = {
  render: "a page could not be rendered",
  action: "a server action failed",
  route: "a route handler failed",
  proxy: "the proxy failed",
};

type Details = { requestId?: string; method?: string; path?: string; route?: string; routeType?: RouteType };

/** One failure Next.js caught, logged once however many times it is reported. */
function reportFailure(error: unknown, details: Details): void {
  if (wasLogged(error)) return;
  const what = details.routeType ? WHAT_FAILED[details.routeType] : "a request failed";
  // Only what is known: a missing requestId must not hide the one the scope adds.
  const known = Object.entries({ digest: digestOf(error), ...details }).filter(([, value]) => value !== undefined);
  const fields = { err: error, ...Object.fromEntries(known) };
  // A database (or disk) that does not answer is an outage the error page explains, not a bug.
  if (databaseOutage(error)) log.warn(fields, `${what}: a dependency is not answering`);
  else log.error(fields, what);
}

/**
 * Next.js's instrumentation hook, exported from instrumentation.ts. NOTE: in production Next.js
 * both calls this and prints the error (console.error, routed below into the log); whichever comes
 * first writes the line and the other adds nothing (wasLogged). In development nothing is routed,
 * so this writes it and Next.js prints its own, source-mapped.
 */
export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = (Array.isArray(header) ? header[0] : header) ?? currentScope()?.requestId;
  reportFailure(error, { requestId, method: request.method, path: request.path, route: context.routePath, routeType: context.routeType });
};

const CONSOLE_LEVELS = { debug: "debug", log: "info", info: "info", warn: "warn", error: "error" } as const;

const globalForConsole = globalThis as unknown as { atelierConsoleRouted?: boolean };

/**
 * In production, whatever Next.js and libraries print with console.* becomes a log line (with the
 * request's id), so the output stays one JSON line per event. An error Next.js prints as it
 * reports a failure (it carries a digest) is that failure's one line.
 */
export function routeConsoleToLog(): void {
  if (globalForConsole.atelierConsoleRouted) return;
  globalForConsole.atelierConsoleRouted = true;
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    console[method as keyof typeof CONSOLE_LEVELS] = (...args: unknown[]) => {
      const errors = args.filter((arg): arg is Error => arg instanceof Error);
      const [err] = errors;
      if (err && errors.every(wasLogged)) return;
      if (err && level === "error" && digestOf(err)) return reportFailure(err, {});
      // Next.js's own lines start with a symbol (⨯, ⚠, ✓) and may be coloured.
      const words = args.filter((arg) => !(arg instanceof Error));
      const message = stripVTControlCharacters(format(...words)).replace(/^\s*[⨯⚠○✓»▲]\s*/u, "").trim();
      log[level](err ? { err } : {}, message || err?.message || "");
    };
  }
}
