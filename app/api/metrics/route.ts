// Prometheus's scrape target. Only for the configured token or addresses (server/observability/
// metrics-access.ts); the figures are this process's counters plus gauges read at scrape time.
import { withRequest } from "@/server/http/request";
import { metricsAccess } from "@/server/observability/metrics-access";
import { scrapeMetrics } from "@/server/observability/scrape";

export const runtime = "nodejs";
// Never prerendered: the figures are read at each scrape (metricsAccess reads the request first,
// which keeps it dynamic under Cache Components too, where this setting no longer exists).
export const dynamic = "force-dynamic";

export const GET = withRequest("/api/metrics", async (request: Request) => {
  const access = metricsAccess(request);
  if (!access.allowed) {
    return new Response(null, {
      status: access.status,
      headers: {
        "cache-control": "no-store",
        ...(access.status === 401 ? { "www-authenticate": 'Bearer realm="atelier-metrics"' } : {}),
      },
    });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
