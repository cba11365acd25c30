// The proxy as Next.js runs it: which requests it sees, the policy each page gets, and bodies
// refused before anything parses them. The production build's end of it is e2e/security/.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT_BYTES } from "@/lib/request-limits";
import { config, proxy } from "./proxy";

const ORIGIN = "http://127.0.0.1:3000";

function request(path: string, init: { headers?: Record<string, string>; method?: string; body?: BodyInit; duplex?: "half" } = {}) {
  return new NextRequest(`${ORIGIN}${path}`, init as ConstructorParameters<typeof NextRequest>[1]);
}

/** What Next.js hands the renderer after the proxy: the request headers it overrode. */
function forwardedHeader(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

describe("what the proxy sees", () => {
  it.each(["/", "/studio/posts/new", "/login", "/mara/posts/first", "/api/auth/callback/credentials", "/api/webhooks/stripe", "/api/health"])(
    "runs for %s",
    (url) => {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    },
  );

  it.each(["/api/trpc/post.save", "/api/media", "/api/media/0192f0a0-1234-7abc-8def-0123456789ab", "/_next/static/chunks/app.js", "/icon.svg"])(
    "stays out of %s, whose body it would buffer or which needs nothing per request",
    (url) => {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
    },
  );
});

describe("page policies", () => {
  it("gives a studio page a fresh nonce, on the response and on the request Next.js renders", async () => {
    const first = await proxy(request("/studio"));
    const second = await proxy(request("/studio"));
    const policy = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];

    expect(nonce).toBeTruthy();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(forwardedHeader(first, "content-security-policy")).toBe(policy);
    expect(forwardedHeader(first, "x-nonce")).toBe(nonce);
    expect(second.headers.get("content-security-policy")).not.toContain(`'nonce-${nonce}'`);
  });

  it("gives an anonymous reader of a public post the shared policy, with no nonce to render", async () => {
    const response = await proxy(request("/mara/posts/first-firing"));
    const policy = response.headers.get("content-security-policy") ?? "";

    expect(policy).not.toContain("nonce-");
    expect(policy).toContain("script-src-attr 'none'");
    expect(forwardedHeader(response, "content-security-policy")).toBeNull();
  });

  it("gives the same post a nonce when a session cookie comes with it", async () => {
    const response = await proxy(request("/mara/posts/first-firing", { headers: { cookie: "authjs.session-token=abc" } }));
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-[^']+'/);
  });

  it("never renders with a nonce or policy the client sent", async () => {
    const headers = { "content-security-policy": "script-src 'nonce-chosen-by-client'", "x-nonce": "chosen-by-client" };
    const shared = await proxy(request("/explore", { headers }));
    const perViewer = await proxy(request("/login", { headers }));

    expect(forwardedHeader(shared, "content-security-policy")).toBeNull();
    expect(forwardedHeader(shared, "x-nonce")).toBeNull();
    expect(forwardedHeader(perViewer, "content-security-policy")).not.toContain("chosen-by-client");
    expect(forwardedHeader(perViewer, "x-nonce")).not.toBe("chosen-by-client");
  });

  it("leaves route handlers the non-page policy from next.config.ts", async () => {
    const response = await proxy(request("/api/health"));
    expect(response.headers.get("content-security-policy")).toBeNull();
  });

  it("sends no HSTS over plain http", async () => {
    const response = await proxy(request("/studio"));
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("bodies", () => {
  const overLimit = new Uint8Array(FORM_BODY_LIMIT_BYTES + 1);

  it("refuses a server action past the limit by its declared length with 413, not 500", async () => {
    const response = await proxy(
      request("/login", {
        method: "POST",
        headers: { "next-action": "0123abcd", "content-length": String(50 * 1024 * 1024), "content-type": "text/plain;charset=UTF-8" },
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("This request is too large.");
  });

  it("refuses a form sent without a length once it goes past the limit", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 10 * FORM_BODY_LIMIT_BYTES) return controller.close();
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536));
      },
    });
    const response = await proxy(request("/api/auth/callback/credentials", { method: "POST", body, duplex: "half" }));

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_INPUT", field: "size" } });
    expect(pulled).toBeLessThan(FORM_BODY_LIMIT_BYTES + 1_000_000);
  });

  it("refuses a form action posted from another site with 403, before Next.js reads it", async () => {
    const crossSite = await proxy(
      request("/login", { method: "POST", headers: { "next-action": "0123abcd", origin: "https://elsewhere.example", host: "127.0.0.1:3000" }, body: "[]" }),
    );
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toBe("Forms must be sent from this site.");

    const sameSite = await proxy(
      request("/login", { method: "POST", headers: { "next-action": "0123abcd", origin: ORIGIN, host: "127.0.0.1:3000" }, body: "[]" }),
    );
    expect(sameSite.status).toBe(200);
  });

  it("lets a body at the limit through", async () => {
    const atLimit = overLimit.subarray(1);
    const response = await proxy(request("/login", { method: "POST", headers: { "next-action": "0123abcd" }, body: atLimit }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
