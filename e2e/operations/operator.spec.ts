// The operator's health page: the instance's operator (OPERATOR_EMAILS, set for the e2e server)
// sees every part of the instance and retries a failed job; a creator gets the same 404 as for an
// address that does not exist.
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { e2eDatabaseUrl } from "../support/database";
import { expect, test, uniqueToken } from "../support/fixtures";

/** The address scripts/e2e-server.ts lists in OPERATOR_EMAILS. */
const OPERATOR_EMAIL = "operator@e2e.atelier.test";

test("an operator sees the instance's health and sends a failed job back to its queue", async ({ page, users, login, db }, testInfo) => {
  const operator = await users.create({ email: OPERATOR_EMAIL, name: "Instance Operator" });
  // Operators must have proven their address; an emailed sign-in link does that.
  await db.execute(sql`update users set email_verified = now() where id = ${operator.id}`);

  // A job that failed for good, as pg-boss keeps one after its last attempt.
  const queue = `e2e-operator-${uniqueToken()}`;
  const boss = new PgBoss({ connectionString: e2eDatabaseUrl(), max: 1, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  await boss.createQueue(queue, { name: queue, retryLimit: 0 });
  const jobId = (await boss.send(queue, { postId: "post-for-the-operator" }))!;
  await boss.fail(queue, jobId, new Error("The mail server refused the connection"));
  await boss.stop({ graceful: false, wait: true });

  await login(page, operator);
  await page.setViewportSize({ width: 1280, height: 900 });
  const response = await page.goto("/studio/operator");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Instance health" })).toBeVisible();
  for (const part of ["Database", "Redis", "Media storage", "New-post emails"]) {
    await expect(page.getByRole("region", { name: part })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Database" })).toContainText("Answering");
  await expect(page.getByRole("region", { name: "Redis" })).toContainText("Not configured");
  const queues = page.getByRole("region", { name: "Job queues" });
  await expect(queues.getByRole("heading", { name: "publish-scheduled-post" })).toBeVisible();

  const failed = page
    .getByRole("region", { name: "Failed jobs" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: queue }) });
  await expect(failed).toContainText("The mail server refused the connection");
  await expect(failed).toContainText("post-for-the-operator");
  await page.screenshot({ path: testInfo.outputPath("operator-1280.png"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(failed).toBeVisible();
  // Nothing is wider than a phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath("operator-390.png"), fullPage: true });

  await failed.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "went back to its queue" })).toBeVisible();
  // The queue now holds it for a worker; it is no longer among the failed jobs.
  await expect(failed).toHaveCount(0);
  await expect(queues.getByRole("listitem").filter({ has: page.getByRole("heading", { name: queue }) })).toContainText("Retrying");
});

test("a creator gets the same 404 as for an unknown address; anyone signed out is asked to sign in", async ({ page, users, login }) => {
  // Signed out, the studio asks for a sign-in before it shows or denies anything.
  await page.goto("/studio/operator");
  await expect(page).toHaveURL((url) => url.pathname === "/login");

  const creator = await users.createCreator();
  await login(page, creator.user);
  const unknown = await page.goto("/studio/no-such-page");
  expect(unknown?.status()).toBe(404);
  const notFoundPage = await page.locator("body").innerText();

  const response = await page.goto("/studio/operator");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  expect(await page.locator("body").innerText()).toBe(notFoundPage);
});
