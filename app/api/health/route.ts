import { withRequest } from "@/server/http/request";
import { checkHealth } from "@/server/services/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withRequest("/api/health", async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
