// The counters and histograms as a scrape shows them: each record function moves its series, labels
// stay free of personal data, and the tRPC middleware counts what a caller got back (route handlers:
// server/http/request.test.ts).
import { initTRPC, TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { sampleValue } from "@/test/metrics";
import {
  metrics,
  rateLimitName,
  recordDbQuery,
  recordRateLimited,
  recordSaveConflict,
  recordSignInFailure,
  timeProcedure,
} from "./metrics";

// Metrics are recorded only while someone may read them (metrics-off.test.ts): this file reads them.
process.env.METRICS_TOKEN = "metrics-unit-test-token-0123456789";

const exposition = () => metrics().registry.metrics();

/** The change in one series made by `act`. */
async function change(name: string, labels: Record<string, string>, act: () => unknown | Promise<unknown>): Promise<number> {
  const before = sampleValue(await exposition(), name, labels) ?? 0;
  await act();
  return (sampleValue(await exposition(), name, labels) ?? 0) - before;
}

describe("the process's metrics", () => {
  it("include Node's own: event-loop lag, memory, CPU", async () => {
    const text = await exposition();
    for (const name of ["nodejs_eventloop_lag_p99_seconds", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "process_cpu_seconds_total"]) {
      expect(sampleValue(text, name), name).toBeGreaterThanOrEqual(0);
    }
  });

  it("are one set however many copies of the module a bundler makes", () => {
    expect(metrics()).toBe(metrics());
    expect((globalThis as { atelierMetrics?: unknown }).atelierMetrics).toBe(metrics());
  });
});

describe("record functions", () => {
  it("count sign-in failures by reason", async () => {
    expect(await change("atelier_sign_in_failures_total", { reason: "no_match" }, () => recordSignInFailure("no_match"))).toBe(1);
  });

  it("count rate-limited attempts by the limit, never by the address, email or id in the key", async () => {
    const moved = await change("atelier_rate_limited_total", { limit: "signin:fail:address" }, () =>
      recordRateLimited("signin:fail:address:203.0.113.9:someone@example.test"),
    );
    expect(moved).toBe(1);
    const text = await exposition();
    expect(text).not.toContain("someone@example.test");
    expect(text).not.toContain("203.0.113.9");
  });

  it("name a limit by the words that lead its keys", () => {
    expect(rateLimitName("signin:fail:address:unknown:fan@example.test")).toBe("signin:fail:address");
    expect(rateLimitName("signin:fail:device:3f2a9c:fan@example.test")).toBe("signin:fail:device");
    expect(rateLimitName("mail:signin:to:fan@example.test")).toBe("mail:signin:to");
    expect(rateLimitName("media:upload:0190f3c2-7d1e-7a44-9c0e-5b2f1e4d3a21")).toBe("media:upload");
    expect(rateLimitName("signup:ip:2001:db8::1")).toBe("signup:ip");
    expect(rateLimitName("203.0.113.9")).toBe("other");
  });

  it("count save conflicts by the kind of save", async () => {
    expect(await change("atelier_post_save_conflicts_total", { reason: "autosave" }, () => recordSaveConflict("autosave"))).toBe(1);
  });

  it("time database statements by outcome", async () => {
    expect(await change("atelier_db_query_duration_seconds_count", { outcome: "error" }, () => recordDbQuery(0.2, true))).toBe(1);
    expect(await change("atelier_db_query_duration_seconds_bucket", { outcome: "ok", le: "0.005" }, () => recordDbQuery(0.003, false))).toBe(1);
  });
});

describe("timeProcedure as tRPC middleware", () => {
  const t = initTRPC.create();
  const timed = t.procedure.use(({ path, type, next }) => timeProcedure(path, type, next));
  const router = t.router({
    hello: timed.query(() => "hi"),
    missing: timed.query(() => {
      throw new TRPCError({ code: "NOT_FOUND" });
    }),
    broken: timed.mutation(() => {
      throw new Error("a bug");
    }),
  });
  const caller = t.createCallerFactory(router)({});

  it("counts each call by procedure, type and the code the caller got", async () => {
    expect(await change("atelier_trpc_calls_total", { procedure: "hello", type: "query", code: "OK" }, () => caller.hello())).toBe(1);
    const missing = { procedure: "missing", type: "query", code: "NOT_FOUND" };
    expect(await change("atelier_trpc_calls_total", missing, () => expect(caller.missing()).rejects.toThrow())).toBe(1);
    const broken = { procedure: "broken", type: "mutation", code: "INTERNAL_SERVER_ERROR" };
    expect(await change("atelier_trpc_calls_total", broken, () => expect(caller.broken()).rejects.toThrow("a bug"))).toBe(1);
    expect(sampleValue(await exposition(), "atelier_trpc_call_duration_seconds_count", { procedure: "hello", type: "query" })).toBe(1);
  });
});
