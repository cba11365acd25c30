// Security headers on every kind of response the production build sends: pages under the proxy,
// route handlers, the two routes the proxy stays out of (tRPC and media), static assets, a 404.
import type { APIResponse } from "@playwright/test";
import { solidPng, uploadImage } from "../support/media";
import { expect, test } from "../support/fixtures";

function expectStaticHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], what).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\)/);
  // Plain http and no proxy vouching for https: no HSTS.
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("every kind of response carries the static security headers", async ({ page, users, login }) => {
  const creator = await users.createCreator();
  await login(page, creator.user);
  const request = page.context().request;

  const home = await request.get("/");
  const chunk = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(await home.text())?.[1];
  expect(chunk).toBeTruthy();
  const mediaId = await uploadImage(page, "headers.png", await solidPng("#0f766e", 400, 200));
  const upload = await request.post("/api/media", {
    headers: { "x-media-kind": "image", "x-file-name": "again.png", "content-type": "application/octet-stream" },
    data: await solidPng("#155e75", 400, 200),
  });
  expect(upload.status()).toBe(201);

  const responses: Array<[string, APIResponse]> = [
    ["a public page", home],
    ["the studio", await request.get("/studio")],
    ["a missing page", await request.get("/no/such/page")],
    ["a route handler", await request.get("/api/health")],
    ["a tRPC call", await request.get(`/api/trpc/creator.byHandle?input=${encodeURIComponent(JSON.stringify({ json: { handle: creator.handle } }))}`)],
    ["an upload", upload],
    ["a media file", await request.get(`/api/media/${mediaId}?w=480`)],
    ["a static asset", await request.get(chunk!)],
    ["the icon", await request.get("/icon.svg")],
  ];
  for (const [what, response] of responses) expectStaticHeaders(response, what);
});

test("route handlers answer with a policy that loads nothing; media files keep their sandbox", async ({ page, users, login, request }) => {
  const health = await request.get("/api/health");
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  const trpc = await request.get(`/api/trpc/creator.byHandle?input=${encodeURIComponent(JSON.stringify({ json: { handle: "nobody-here" } }))}`);
  expect(trpc.headers()["content-security-policy"]).toContain("default-src 'none'");

  const creator = await users.createCreator();
  await login(page, creator.user);
  const mediaId = await uploadImage(page, "sandboxed.png", await solidPng("#7c2d12", 300, 200));
  const file = await page.context().request.get(`/api/media/${mediaId}`);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-security-policy"]).toContain("sandbox");
});

test("a per-viewer page's nonce is new on every request and on every script; a shared page has none", async ({ request, users, posts }) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i += 1) {
    const response = await request.get("/login");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(3);

  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "Shared", publish: true });
  const shared = await request.get(`/${creator.handle}/posts/${post.slug}`);
  expect(shared.headers()["content-security-policy"]).not.toContain("nonce-");
  expect(await shared.text()).not.toMatch(/<script[^>]*nonce=/);
});

test("a client's own policy or nonce never reaches the renderer", async ({ request }) => {
  const response = await request.get("/login", {
    headers: { "content-security-policy": "script-src 'nonce-chosen-by-client'", "x-nonce": "chosen-by-client" },
  });
  const html = await response.text();
  expect(response.headers()["content-security-policy"]).not.toContain("chosen-by-client");
  expect(html).not.toContain("chosen-by-client");
});
