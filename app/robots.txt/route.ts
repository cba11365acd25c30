// /robots.txt (./robots.ts). Served from its shared version (app/%5Fshared), kept in the page cache.
import { withRequest } from "@/server/http/request";
import { robotsTxt } from "./robots";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withRequest("/robots.txt", async () => new Response(robotsTxt(), { headers: { "content-type": "text/plain; charset=utf-8" } }));
