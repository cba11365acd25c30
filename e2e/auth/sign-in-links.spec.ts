// Sign-in links are limited where the mail is sent: posting straight to Auth.js's endpoint, as a
// script would, gets an address no more links than the form does.
import { eq } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import { expect, test, uniqueEmail } from "../support/fixtures";

test("eight link requests posted straight to Auth.js mail the address five times, and the form then says why", async ({
  page,
  db,
}) => {
  const email = uniqueEmail("inbox");
  const request = page.context().request;

  const landedOn: string[] = [];
  for (let i = 0; i < 8; i++) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await request.post("/api/auth/signin/email", {
      form: { csrfToken, email, callbackUrl: "/studio" },
      maxRedirects: 0,
    });
    const location = new URL(response.headers()["location"] ?? "/", "http://app.invalid");
    landedOn.push(`${location.pathname}${location.search}`);
  }

  // Auth.js's "check your email" step, which leads on to /login/check-email.
  expect(landedOn.slice(0, 5)).toEqual(Array(5).fill("/api/auth/verify-request?provider=email&type=email"));
  expect(landedOn.slice(5)).toEqual(Array(3).fill("/login?error=AccessDenied"));
  expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).toHaveLength(5);

  await page.goto("/login?error=AccessDenied");
  await expect(page.getByRole("alert").filter({ hasText: "If you asked for several links" })).toBeVisible();

  await page.goto("/login");
  await page.getByRole("button", { name: "Email me a sign-in link instead" }).click();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "We sent several links already" })).toBeVisible();
  expect(await db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).toHaveLength(5);
});
