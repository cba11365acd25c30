// Neither the sign-in form nor the sign-up form tells anyone whether an address has an account:
// a wrong password and an unknown email read the same, and so does signing up with a free address
// or a taken one. The free address's owner finishes from the link in their inbox.
import { desc, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { mailOutbox } from "@/db/schema";
import { expect, test, uniqueEmail } from "../support/fixtures";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function signUp(page: Page, email: string) {
  await page.goto("/login?mode=signup");
  await page.getByLabel("Name", { exact: true }).fill("Mara Writer");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a long and lovely passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  const notice = page.getByRole("status");
  await expect(notice).toBeVisible();
  return ((await notice.textContent()) ?? "").replaceAll(email, "<email>");
}

test("a wrong password and an unknown email get the same words, next to the Password field", async ({ page, users }) => {
  const user = await users.create();
  const password = page.getByLabel("Password", { exact: true });
  const email = page.getByLabel("Email", { exact: true });

  await signIn(page, user.email, "not the right password at all");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  const wrongPassword = await page.getByRole("alert").filter({ hasText: /\S/ }).allTextContents();
  await expect(email).not.toHaveAttribute("aria-invalid", "true");

  await signIn(page, uniqueEmail("nobody"), "not the right password at all");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  const unknownEmail = await page.getByRole("alert").filter({ hasText: /\S/ }).allTextContents();
  await expect(email).not.toHaveAttribute("aria-invalid", "true");

  expect(wrongPassword).toEqual(["That email and password don't match an account. Check both, or email yourself a sign-in link."]);
  expect(unknownEmail).toEqual(wrongPassword);
  await expect(password).toHaveAccessibleDescription(wrongPassword[0]!);
});

test("signing up reads the same for a taken address and a free one, and the free one finishes from its link", async ({
  page,
  users,
  db,
}) => {
  const existing = await users.create();
  const fresh = uniqueEmail("newcomer");
  const mailTo = (email: string) => db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt));

  const taken = await signUp(page, existing.email);
  const free = await signUp(page, fresh);
  expect(taken).toBe(free);
  expect(free).toContain("if <email> is free, you'll receive a link");
  await expect(page.getByLabel("Email", { exact: true })).not.toHaveAttribute("aria-invalid", "true");

  let finishPath = "";
  await test.step("each address got its own mail: a sign-in link for the owner, a sign-up link for the newcomer", async () => {
    const [ownersMail] = await mailTo(existing.email);
    expect(ownersMail?.subject).toContain("Your sign-in link");
    const [newcomersMail] = await mailTo(fresh);
    expect(newcomersMail?.subject).toContain("Finish creating your Atelier account");
    const link = /https?:\/\/\S+\/login\/finish\?\S+/.exec(newcomersMail?.text ?? "")?.[0];
    expect(link, "a sign-up link in the text part").toBeTruthy();
    finishPath = `${new URL(link!).pathname}${new URL(link!).search}`;
  });

  await test.step("the link's button creates the account and signs it in", async () => {
    await page.goto(finishPath);
    await expect(page.getByText(fresh)).toBeVisible();
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect(page).toHaveURL(/\/studio$/);
    await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
  });

  await test.step("the link works once", async () => {
    const again = await page.context().browser()!.newPage();
    try {
      await again.goto(new URL(finishPath, page.url()).toString());
      await again.getByRole("button", { name: "Create my account" }).click();
      await expect(again.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("This address has an account now. Sign in with your password or a sign-in link.");
    } finally {
      await again.close();
    }
  });
});
