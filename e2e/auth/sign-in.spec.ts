// Signing in, signing up and signing out: mistakes are answered next to a field, in words that
// never tell whether an account exists (account-privacy.spec.ts compares the cases), and a
// signed-out session is dead on the server, not just forgotten by the browser.
import { expect, test, uniqueEmail } from "../support/fixtures";

test.describe("sign in", () => {
  test("a wrong password is explained next to the Password field", async ({ page, users }) => {
    const user = await users.create();
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill("not the right password at all");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAccessibleDescription(/That email and password don't match an account/);
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "That email and password don't match an account" })).toBeVisible();
    await expect(page.getByLabel("Email", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signing out ends the session: a copied session cookie no longer opens the studio", async ({
    page,
    browser,
    baseURL,
    users,
    login,
  }) => {
    const user = await users.create();
    await login(page, user);
    await page.goto("/studio");
    await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
    const copied = await page.context().cookies();
    expect(copied.some((cookie) => cookie.name.includes("session-token"))).toBe(true);

    // Control: before signing out, the copied cookies do open the studio elsewhere.
    const before = await browser.newContext({ baseURL });
    try {
      await before.addCookies(copied);
      const elsewhere = await before.newPage();
      await elsewhere.goto("/studio");
      await expect(elsewhere.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
    } finally {
      await before.close();
    }

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();

    const after = await browser.newContext({ baseURL });
    try {
      await after.addCookies(copied);
      const replay = await after.newPage();
      await replay.goto("/studio");
      await expect(replay).toHaveURL(/\/login\?callbackUrl=(%2F|\/)studio$/);
      await expect(replay.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    } finally {
      await after.close();
    }
  });
});

test.describe("sign up", () => {
  test("a weak password is explained next to the Password field", async ({ page }) => {
    await page.goto("/login?mode=signup");
    await page.getByLabel("Name", { exact: true }).fill("Weak Password");
    await page.getByLabel("Email", { exact: true }).fill(uniqueEmail("weak"));
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();

    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAccessibleDescription("Use at least 10 characters.");
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an email that already has an account gets the inbox notice, not an error", async ({ page, users }) => {
    const existing = await users.create();
    await page.goto("/login?mode=signup");
    await page.getByLabel("Name", { exact: true }).fill("Second Account");
    await page.getByLabel("Email", { exact: true }).fill(existing.email);
    await page.getByLabel("Password", { exact: true }).fill("another long passphrase here");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByRole("status")).toContainText("you'll receive a link");
    const email = page.getByLabel("Email", { exact: true });
    await expect(email).not.toHaveAttribute("aria-invalid", "true");
    // The form keeps what was typed, so a mistyped address is one edit away.
    await expect(email).toHaveValue(existing.email);
    await expect(page).toHaveURL(/\/login/);
  });
});
