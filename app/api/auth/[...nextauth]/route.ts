import { handlers } from "@/server/auth/config";
import { withRequest } from "@/server/http/request";

export const runtime = "nodejs";

const ROUTE = "/api/auth/[...nextauth]";
export const GET = withRequest(ROUTE, handlers.GET);
export const POST = withRequest(ROUTE, handlers.POST);
