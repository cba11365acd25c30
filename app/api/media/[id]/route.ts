// Serving media: every request asks the media service, which asks the access policy. Files of
// gated posts go only to viewers who may read the post (or who hold a signed address from an email),
// and are never cached in shared caches.
import { Readable } from "node:stream";
import { requestContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { MEDIA_REFUSAL_HEADERS, openMediaForViewer } from "@/server/services/media/files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function requestedWidth(url: URL): number | undefined {
  const w = Number(url.searchParams.get("w"));
  return Number.isInteger(w) && w > 0 && w <= 10_000 ? w : undefined;
}

async function serve(request: Request, params: Promise<{ id: string }>, withBody: boolean) {
  const { id } = await params;
  try {
    const ctx = await requestContext();
    const url = new URL(request.url);
    const opened = await openMediaForViewer(ctx, id, {
      width: requestedWidth(url),
      range: request.headers.get("range"),
      grant: { expires: url.searchParams.get("exp"), signature: url.searchParams.get("sig") },
    });
    if (!withBody) opened.body?.destroy();
    const body = withBody && opened.body ? (Readable.toWeb(opened.body) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: opened.status, headers: opened.headers });
  } catch (error) {
    return errorResponse(error, { headers: MEDIA_REFUSAL_HEADERS });
  }
}

type Params = { params: Promise<{ id: string }> };

const ROUTE = "/api/media/[id]";
export const GET = withRequest(ROUTE, (request: Request, { params }: Params) => serve(request, params, true));
export const HEAD = withRequest(ROUTE, (request: Request, { params }: Params) => serve(request, params, false));
