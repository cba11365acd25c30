// The creator's members as CSV. Session-bound and personal data: never cached.
import { membersCsv } from "@/server/services/memberships/audience";
import { createTRPCContext } from "@/server/trpc/init";
import { isAppError } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET() {
  const ctx = await createTRPCContext();
  try {
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
    if (isAppError(error)) {
      const status = error.code === "UNAUTHENTICATED" ? 401 : 403;
      return new Response(error.message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
    }
    throw error;
  }
}
