// RFC 8058 one-click unsubscribe: mail clients POST here from the List-Unsubscribe header without
// showing a page. A plain GET (older clients open the header's link) goes to the confirmation page.
// The token is the whole authority: no session is read.
import { anonymousContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { unsubscribeByToken } from "@/server/services/memberships/email-preferences";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

export async function POST(_request: Request, { params }: Params) {
  const { token } = await params;
  try {
    const { db } = anonymousContext();
    const { creator } = await unsubscribeByToken(db, token);
    return Response.json({ unsubscribed: true, creator: creator.displayName });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET(request: Request, { params }: Params) {
  const { token } = await params;
  return Response.redirect(new URL(`/account/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
}
