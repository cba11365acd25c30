import { describe, expect, it } from "vitest";
import { newNonce, NON_PAGE_CONTENT_SECURITY_POLICY, perViewerPagePolicy, servedOverHttps, sharedPagePolicy, STATIC_SECURITY_HEADERS } from "./security-headers";

const PRODUCTION = { https: false, development: false };

/** The sources of one directive, or null when the policy does not have it. */
function directive(policy: string, name: string): string[] | null {
  const found = policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([key]) => key === name);
  return found ? found.slice(1) : null;
}

describe("the per-viewer page policy", () => {
  const policy = perViewerPagePolicy("abc123", PRODUCTION);

  it("runs only scripts that carry this request's nonce, and what they load", () => {
    expect(directive(policy, "script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(policy, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(policy, "script-src")).not.toContain("'unsafe-eval'");
  });

  it("cannot be framed, and frames only the two video players", () => {
    expect(directive(policy, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(policy, "frame-src")).toEqual(["https://www.youtube-nocookie.com", "https://player.vimeo.com"]);
  });

  it("allows no plugins, no <base>, and forms and connections only to this site", () => {
    expect(directive(policy, "object-src")).toEqual(["'none'"]);
    expect(directive(policy, "base-uri")).toEqual(["'none'"]);
    expect(directive(policy, "form-action")).toEqual(["'self'"]);
    expect(directive(policy, "connect-src")).toEqual(["'self'"]);
  });

  it("upgrades subresources only when served over https, and allows eval only in development", () => {
    expect(directive(policy, "upgrade-insecure-requests")).toBeNull();
    expect(directive(perViewerPagePolicy("n", { https: true, development: false }), "upgrade-insecure-requests")).toEqual([]);
    expect(directive(perViewerPagePolicy("n", { https: false, development: true }), "script-src")).toContain("'unsafe-eval'");
  });
});

describe("the shared page policy", () => {
  const policy = sharedPagePolicy(PRODUCTION);

  it("carries no nonce, and allows inline script elements but never inline event handlers", () => {
    expect(policy).not.toContain("nonce-");
    expect(directive(policy, "script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directive(policy, "script-src-attr")).toEqual(["'none'"]);
  });

  it("keeps every other restriction of the per-viewer policy", () => {
    const perViewer = perViewerPagePolicy("n", PRODUCTION);
    for (const name of ["default-src", "object-src", "base-uri", "form-action", "frame-ancestors", "frame-src", "connect-src", "img-src"]) {
      expect(directive(policy, name), name).toEqual(directive(perViewer, name));
    }
  });
});

describe("the static headers", () => {
  it("forbid sniffing and framing, keep full addresses on this site, and turn powerful features off", () => {
    const headers = Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]));
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    expect(headers["Permissions-Policy"]).toContain("microphone=()");
    expect(headers["Permissions-Policy"]).toContain("geolocation=()");
  });

  it("let non-page responses load nothing and be framed nowhere", () => {
    expect(directive(NON_PAGE_CONTENT_SECURITY_POLICY, "default-src")).toEqual(["'none'"]);
    expect(directive(NON_PAGE_CONTENT_SECURITY_POLICY, "frame-ancestors")).toEqual(["'none'"]);
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});

describe("servedOverHttps", () => {
  const forwarded = (proto: string) => new Headers({ "x-forwarded-proto": proto });

  it("believes X-Forwarded-Proto only when a proxy is configured to set it", () => {
    expect(servedOverHttps(forwarded("https"), 0)).toBe(false);
    expect(servedOverHttps(forwarded("https"), 1)).toBe(true);
    expect(servedOverHttps(forwarded("http"), 1)).toBe(false);
    expect(servedOverHttps(new Headers(), 1)).toBe(false);
  });

  it("reads the client-facing proxy's word, not what the client prepended", () => {
    // The client claimed https; our one proxy saw plain http and appended it.
    expect(servedOverHttps(forwarded("https, http"), 1)).toBe(false);
    expect(servedOverHttps(forwarded("http, HTTPS"), 1)).toBe(true);
    // Two proxies that append: the outer one saw https.
    expect(servedOverHttps(forwarded("https, http"), 2)).toBe(true);
  });
});
