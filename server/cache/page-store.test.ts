import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pageStore, pathOfKey, scopeOfPath } from "./page-store.mjs";

const KEY = "/route-cache/APP_PAGE/0123abcd/$/_shared/anonymous/mara/posts/first";
const page = (html: string) => ({ kind: "APP_PAGE", html, rscData: Buffer.from(html), headers: {}, status: 200, segmentData: new Map([["/_tree", Buffer.from("t")]]) });

describe("the page store's addresses", () => {
  it("reads the reader's address out of Next's key", () => {
    expect(pathOfKey(KEY)).toBe("/mara/posts/first");
    expect(pathOfKey("/route-cache/APP_PAGE/ff/$/_shared/anonymous")).toBe("/");
  });

  it("puts a creator's pages in their scope and the rest in the site's", () => {
    expect(scopeOfPath("/mara")).toBe("creator:mara");
    expect(scopeOfPath("/mara/posts/first")).toBe("creator:mara");
    expect(scopeOfPath("/mara/feed.xml")).toBe("creator:mara");
    expect(scopeOfPath("/")).toBe("site");
    expect(scopeOfPath("/explore")).toBe("site");
    expect(scopeOfPath("/sitemap.xml")).toBe("site");
  });
});

describe("the page store in memory", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
    pageStore().clearLocal();
  });
  afterEach(() => vi.useRealTimers());

  it("serves what was stored until the creator's scope is invalidated", async () => {
    const store = pageStore();
    expect(await store.get(KEY)).toBeNull();
    vi.advanceTimersByTime(5);
    await store.set(KEY, page("<p>v1</p>"), { revalidate: 10, expire: 60 });
    vi.advanceTimersByTime(5);
    expect((await store.get(KEY))?.value).toMatchObject({ html: "<p>v1</p>" });

    await store.invalidate(["creator:someone-else"]);
    vi.advanceTimersByTime(5);
    expect(await store.get(KEY)).not.toBeNull();

    await store.invalidate(["creator:mara"]);
    vi.advanceTimersByTime(5);
    expect(await store.get(KEY)).toBeNull();
  });

  it("drops a page whose render was under way when the change landed", async () => {
    const store = pageStore();
    expect(await store.get(KEY)).toBeNull(); // the render starts, reading the old state
    vi.advanceTimersByTime(20);
    await store.invalidate(["creator:mara", "site"]); // the change commits meanwhile
    vi.advanceTimersByTime(20);
    await store.set(KEY, page("<p>old</p>"), { revalidate: 10, expire: 60 }); // the old render is stored
    vi.advanceTimersByTime(5);
    expect(await store.get(KEY)).toBeNull();
  });

  it("applies an invalidation planned for later at its time, with nothing else happening", async () => {
    const store = pageStore();
    await store.get(KEY);
    await store.set(KEY, page("<p>teaser</p>"), { revalidate: 10, expire: 60 });
    await store.invalidate(["creator:mara"], new Date(Date.now() + 60_000));
    vi.advanceTimersByTime(59_000);
    expect(await store.get(KEY)).not.toBeNull();
    vi.advanceTimersByTime(2_000);
    expect(await store.get(KEY)).toBeNull();
  });
});
