import { describe, expect, it } from "vitest";
import { isValidMediaGrant, signMediaUrlsInHtml } from "./signed-url";

const ID = "0192f0a0-1234-7abc-8def-0123456789ab";
const OTHER = "0192f0a0-1234-7abc-8def-0123456789ac";
const now = new Date("2026-11-25T12:00:00Z");
const later = new Date("2026-11-26T12:00:00Z");

function grantIn(html: string): { expires: string | null; signature: string | null } {
  const url = new URL(/src="([^"]+)"/.exec(html)![1]!.replaceAll("&amp;", "&"), "http://site.test");
  return { expires: url.searchParams.get("exp"), signature: url.searchParams.get("sig") };
}

describe("signed media addresses", () => {
  it("signs every media address in the HTML and keeps the width", () => {
    const html = `<img src="/api/media/${ID}?w=960" srcset="/api/media/${ID}?w=480 480w, /api/media/${ID}?w=960 960w"><a href="/api/media/${ID}">f</a>`;
    const signed = signMediaUrlsInHtml(html, later, new Set([ID]));
    expect(signed.match(/sig=/g)).toHaveLength(4);
    expect(signed).toContain(`/api/media/${ID}?w=480&amp;exp=`);
    expect(signed).toContain(`href="/api/media/${ID}?exp=`);
    expect(isValidMediaGrant(ID, grantIn(signed), now)).toBe(true);
  });

  it("signs only the files it is told belong to the post", () => {
    const html = `<img src="/api/media/${ID}?w=960"><img src="/api/media/${OTHER}?w=960">`;
    const signed = signMediaUrlsInHtml(html, later, new Set([ID]));
    expect(signed).toContain(`/api/media/${ID}?w=960&amp;exp=`);
    expect(signed).toContain(`<img src="/api/media/${OTHER}?w=960">`);
  });

  it("refuses the grant for another file, after it expires, or when altered", () => {
    const grant = grantIn(signMediaUrlsInHtml(`<img src="/api/media/${ID}?w=960">`, later, new Set([ID])));
    expect(isValidMediaGrant(OTHER, grant, now)).toBe(false);
    expect(isValidMediaGrant(ID, grant, new Date(later.getTime() + 1000))).toBe(false);
    expect(isValidMediaGrant(ID, { ...grant, expires: String(Number(grant.expires) + 86_400) }, now)).toBe(false);
    expect(isValidMediaGrant(ID, { ...grant, signature: `${grant.signature!.slice(0, -2)}AA` }, now)).toBe(false);
    expect(isValidMediaGrant(ID, { expires: null, signature: null }, now)).toBe(false);
    expect(isValidMediaGrant(ID, { expires: "1e20", signature: grant.signature }, now)).toBe(false);
  });
});
