// With neither METRICS_TOKEN nor METRICS_ALLOW nobody can read the metrics (/api/metrics is a 404),
// so nothing is counted: every record function returns at once, and a timed tRPC call is just the
// call. Its own file: the decision is made once per process, and metrics.test.ts turns them on.
import { describe, expect, it } from "vitest";
import { sampleValue } from "@/test/metrics";
import { metrics, metricsEnabled, recordDbQuery, recordHttpRequest, recordRateLimited, recordSaveConflict, recordSignInFailure, timeProcedure } from "./metrics";

delete process.env.METRICS_TOKEN;
delete process.env.METRICS_ALLOW;

describe("metrics nobody can read", () => {
  it("are off, and no record function moves a series", async () => {
    recordHttpRequest("/api/health", "GET", 200, 0.01);
    recordDbQuery(0.002, false);
    recordSignInFailure("no_match");
    recordRateLimited("signin:fail:address:203.0.113.9");
    recordSaveConflict("manual");
    const result = await timeProcedure("post.byId", "query", async () => ({ ok: true as const, data: 42 }));

    expect(metricsEnabled()).toBe(false);
    expect(result).toEqual({ ok: true, data: 42 });
    const text = await metrics().registry.metrics();
    for (const name of [
      "atelier_http_requests_total",
      "atelier_db_query_duration_seconds_count",
      "atelier_sign_in_failures_total",
      "atelier_rate_limited_total",
      "atelier_post_save_conflicts_total",
      "atelier_trpc_calls_total",
    ]) {
      expect(sampleValue(text, name), name).toBeUndefined();
    }
  });
});
