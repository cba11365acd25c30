// The creator's members as CSV. Session-bound and personal data: never cached.
import { requestContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { membersCsv } from "@/server/services/memberships/audience";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withRequest("/studio/audience/export", async () => {
  try {
    const ctx = await requestContext();
    const csv = await membersCsv(ctx);
    const day = ctx.now.toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="members-${day}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    // Opened as a download link: the refusal is shown as a page, so plain words, not JSON.
    return errorResponse(error, { as: "text" });
  }
});
