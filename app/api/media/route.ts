// Uploads from the editor: the raw file as the request body (no multipart, nothing buffered),
// its kind and name in headers. The media service caps, sniffs, processes and stores it.
import { AppError, AppErrorCode } from "@/lib/errors";
import { requestContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { isSameOrigin } from "@/server/http/same-origin";
import { createMediaFromUpload } from "@/server/services/media/upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops reading when the service refuses the upload part-way (too large).
    await reader.cancel().catch(() => {});
  }
}

function fileNameHeader(request: Request): string {
  const raw = request.headers.get("x-file-name") ?? "";
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const POST = withRequest("/api/media", async (request: Request) => {
  // CSRF: an upload spends the creator's storage; refuse it from other sites.
  if (!isSameOrigin(request)) {
    return errorResponse(new AppError(AppErrorCode.FORBIDDEN, "Uploads must come from this site."));
  }
  try {
    const ctx = await requestContext();
    const length = Number(request.headers.get("content-length"));
    const uploaded = await createMediaFromUpload(ctx, {
      kind: request.headers.get("x-media-kind") ?? "",
      stream: chunks(request.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() })),
      originalName: fileNameHeader(request),
      declaredSize: Number.isFinite(length) && length > 0 ? length : null,
    });
    return Response.json(uploaded, { status: 201, headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
});
