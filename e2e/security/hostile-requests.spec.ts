// Requests no page of ours sends, made by hand against the production build: a form action posted
// from another site, a form action given something other than form data, and public addresses
// with characters no handle or slug can hold. Each is a 4xx a client can act on, never a 500.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";

/** The sign-in form's action as the browser really posts it: its id, content type and body. */
async function captureSignInAction(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill("nobody@example.test");
  await page.getByLabel("Password", { exact: true }).fill("not the right password at all");
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
  const headers = await request.allHeaders();
  return { id: headers["next-action"]!, contentType: headers["content-type"]!, body: request.postDataBuffer()! };
}

test.describe("form actions", () => {
  test("a real action posted from another site is refused with 403", async ({ page, request }) => {
    const action = await captureSignInAction(page);
    const response = await request.post("/login", {
      headers: { "next-action": action.id, "content-type": action.contentType, origin: "https://elsewhere.example" },
      data: action.body,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).not.toMatch(/Error:|\n\s+at\s/);
  });

  test("a real action given arguments that are not form data answers 4xx", async ({ page, request, baseURL }) => {
    const action = await captureSignInAction(page);
    // What React sends for plain arguments: JSON text instead of a form.
    const plain = await request.post("/login", {
      headers: { "next-action": action.id, "content-type": "text/plain;charset=UTF-8", origin: baseURL! },
      data: JSON.stringify([{}, "not form data"]),
    });
    // The same arguments inside a multipart body, where the browser's form would be.
    const multipart = await request.post("/login", {
      headers: { "next-action": action.id, origin: baseURL! },
      multipart: { "0": JSON.stringify([{}, { email: "a@example.test" }]) },
    });
    for (const response of [plain, multipart]) {
      expect(response.status()).toBeGreaterThanOrEqual(400);
      expect(response.status()).toBeLessThan(500);
    }
  });
});

test.describe("public addresses", () => {
  for (const path of ["/ma%00ra", "/ma%00ra/posts", "/ma%00ra/join", "/%ED%A0%80", "/x".padEnd(200, "x")]) {
    test(`${path.slice(0, 24)} is not found, not a server error`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(404);
    });
  }

  test("a post address whose slug cannot exist is not found", async ({ request, users }) => {
    const creator = await users.createCreator();
    for (const slug of ["a%00b", "%ED%A0%80", "s".repeat(300)]) {
      expect((await request.get(`/${creator.handle}/posts/${slug}`)).status()).toBe(404);
    }
  });
});
