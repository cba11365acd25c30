// Wrong passwords cannot be turned against an account's owner: an attacker who fails 20 times,
// rotating X-Forwarded-For as they go, uses up only their own tries, while the owner signs in
// from their browser as usual.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "../support/fixtures";

/** One password sign-in posted straight to Auth.js, as a script would; returns why it was refused, or "ok". */
async function postSignIn(request: APIRequestContext, email: string, password: string, forwardedFor: string): Promise<string> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/studio" },
    headers: { "x-forwarded-for": forwardedFor },
    maxRedirects: 0,
  });
  const location = new URL(response.headers()["location"] ?? "/", "http://app.invalid");
  return location.searchParams.get("code") ?? (location.searchParams.get("error") || "ok");
}

test("an attacker's 20 wrong passwords leave the owner able to sign in from their own browser", async ({ page, browser, baseURL, users, login }) => {
  const owner = await users.create();

  await test.step("the owner has signed in on this browser before, and signed out", async () => {
    await login(page, owner);
    await page.goto("/studio");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  });

  const attacker = await browser.newContext({ baseURL });
  try {
    await test.step("the attacker fails 20 times from another client; a fresh X-Forwarded-For each time does not help", async () => {
      const outcomes: string[] = [];
      for (let i = 1; i <= 20; i++) {
        outcomes.push(await postSignIn(attacker.request, owner.email, `guess number ${i} of many`, `203.0.113.${i}`));
      }
      expect(outcomes.slice(0, 10)).toEqual(Array(10).fill("no_match"));
      expect(outcomes.slice(10)).toEqual(Array(10).fill("rate_limited"));
    });

    await test.step("even the right password no longer works from the attacker's client", async () => {
      const form = await attacker.newPage();
      await form.goto("/login");
      await form.getByLabel("Email", { exact: true }).fill(owner.email);
      await form.getByLabel("Password", { exact: true }).fill(owner.password);
      await form.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(form.getByRole("alert").filter({ hasText: "Too many wrong passwords from here" })).toBeVisible();
      await expect(form).toHaveURL(/\/login/);
    });
  } finally {
    await attacker.close();
  }

  await test.step("the owner signs in from their browser with the right password", async () => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(owner.email);
    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    // Signed in, with no page to return to: home, their feed.
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await expect(page.getByRole("heading", { level: 1, name: "Your feed" })).toBeVisible();
  });
});
