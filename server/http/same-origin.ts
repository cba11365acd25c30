// Same-origin check for state-changing requests (CSRF defence in depth).
import "server-only";

export function isSameOrigin(request: Pick<Request, "headers">): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin) {
    // Browsers send Origin on cross-site POSTs; a request without one is a same-site navigation
    // or a non-browser client, which carries no ambient cookie risk.
    return request.headers.get("sec-fetch-site") !== "cross-site";
  }
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
