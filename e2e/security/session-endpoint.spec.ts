// What a script on the page can learn from /api/auth/session (any script of the site's origin may
// fetch it): who is signed in and until when, never the session token the httpOnly cookie keeps
// from scripts, nor the password hash or anything else of the account row.
import { expect, test } from "../support/fixtures";

test("the session endpoint tells a signed-in reader who they are, and nothing a script could misuse", async ({ page, users, login }) => {
  const user = await users.create({ name: "Session Reader" });
  await login(page, user);
  const cookies = await page.context().cookies();
  const token = cookies.find((cookie) => cookie.name.endsWith("authjs.session-token"))?.value;
  expect(token, "signed in with a session cookie").toBeTruthy();
  expect(cookies.find((cookie) => cookie.value === token)?.httpOnly).toBe(true);

  const response = await page.context().request.get("/api/auth/session");
  expect(response.status()).toBe(200);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({
    user: { id: expect.any(String), name: "Session Reader", email: user.email, image: null },
    expires: expect.any(String),
  });
  expect(text).not.toContain(token!);
  expect(text).not.toMatch(/scrypt|passwordHash/);
});
