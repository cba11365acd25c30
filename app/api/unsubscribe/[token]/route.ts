// RFC 8058 one-click unsubscribe: mail clients POST here from the List-Unsubscribe header without
// showing a page. A plain GET (older clients open the header's link) goes to the confirmation page.
import { isAppError } from "@/lib/errors";
import { unsubscribeByToken } from "@/server/services/memberships/email-preferences";
import { createTRPCContext } from "@/server/trpc/init";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

export async function POST(_request: Request, { params }: Params) {
  const { token } = await params;
  try {
    const { db } = await createTRPCContext();
    const { creator } = await unsubscribeByToken(db, token);
    return Response.json({ unsubscribed: true, creator: creator.displayName });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    throw error;
  }
}

export async function GET(request: Request, { params }: Params) {
  const { token } = await params;
  return Response.redirect(new URL(`/account/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
}
