// RFC 8058 one-click unsubscribe: mail clients POST here from the List-Unsubscribe header without
// showing a page. A plain GET (older clients open the header's link) goes to the confirmation page.
// The token is the whole authority: no session is read.
import { anonymousContext } from "@/server/http/context";
import { errorResponse } from "@/server/http/errors";
import { withRequest } from "@/server/http/request";
import { unsubscribeByToken } from "@/server/services/memberships/email-preferences";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

const ROUTE = "/api/unsubscribe/[token]";

export const POST = withRequest(ROUTE, async (_request: Request, { params }: Params) => {
  const { token } = await params;
  try {
    const { db } = anonymousContext();
    const { creator } = await unsubscribeByToken(db, token);
    return Response.json({ unsubscribed: true, creator: creator.displayName });
  } catch (error) {
    return errorResponse(error);
  }
});

export const GET = withRequest(ROUTE, async (request: Request, { params }: Params) => {
  const { token } = await params;
  return Response.redirect(new URL(`/account/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
});
