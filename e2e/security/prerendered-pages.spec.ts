// Pages with nothing per request in them (a missing page, "check your email") still run under the
// per-viewer policy: they are rendered per request, so Next.js gives their scripts the nonce.
import { expect, test } from "../support/fixtures";
import { watchPolicyViolations } from "../support/policy-violations";

test("a missing page and the check-your-email page run under the nonce policy without a violation", async ({ page }) => {
  const violations = await watchPolicyViolations(page.context());
  for (const [path, status] of [["/no/such/page", 404], ["/login/check-email", 200]] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    expect(response?.headers()["content-security-policy"], path).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
    await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));
  }
  expect(violations.entries).toEqual([]);
});
