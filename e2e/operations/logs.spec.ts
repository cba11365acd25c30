// The production server's log, read as a log collector reads it, while secrets pass through the
// server: a sign-up with a password and its emailed link, a password sign-in, an emailed sign-in
// link, pages viewed with the session cookie, a scrape with the metrics bearer token. Every line
// is JSON with a level and a time, the lines of a request carry the id its answer named, and not
// one holds the email address, the password, the session, a link's token or the bearer token.
// Its own server (LOG_LEVEL=debug: a line per request) on a fresh database of its own.
import type { Browser, Page } from "@playwright/test";
import postgres from "postgres";
import { connectAdmin } from "@/test/postgres-admin";
import { startAppServer, type AppServer } from "@/test/support/app-server";
import { databaseName, newDatabaseUrl, serverUrl } from "../support/database";
import { expect, test, uniqueEmail, uniqueToken } from "../support/fixtures";

const METRICS_TOKEN = `logs-e2e-metrics-${uniqueToken()}-0123456789`;
const PASSWORD = `a long and lovely passphrase ${uniqueToken()}`;

type LogLine = { level?: unknown; time?: unknown; msg?: unknown; requestId?: unknown; job?: unknown; path?: unknown };

/** The lines the server wrote since `from` (a length of its output), each parsed, or the text that is not JSON. */
function linesSince(server: AppServer, from: number): { text: string; line: LogLine | null }[] {
  return server
    .output()
    .slice(from)
    .split("\n")
    .filter((text) => text.trim() !== "")
    .map((text) => {
      try {
        return { text, line: JSON.parse(text) as LogLine };
      } catch {
        return { text, line: null };
      }
    });
}

/** The newest mail to `to` in the server's outbox (no SMTP_URL: mail is kept in the database). */
async function newestMail(sql: postgres.Sql, to: string, subject: string): Promise<string> {
  let text = "";
  await expect
    .poll(async () => {
      const rows = await sql<{ text: string }[]>`
        select text from mail_outbox where "to" = ${to} and subject like ${`%${subject}%`} order by created_at desc limit 1`;
      text = rows[0]?.text ?? "";
      return text;
    })
    .not.toBe("");
  return text;
}

function linkIn(text: string, path: string): URL {
  const found = new RegExp(`https?://\\S+${path.replace(/[/?]/g, "\\$&")}\\S*`).exec(text)?.[0];
  expect(found, `a link to ${path} in the mail`).toBeTruthy();
  return new URL(found!);
}

/**
 * The ids the server named its answers with, of the requests a step waits for: pages navigated to
 * (redirects included) and forms posted. Assets and prefetches may still be in flight at the end.
 */
function recordIds(page: Page, base: string, ids: Map<string, string>): void {
  page.on("response", (response) => {
    const id = response.headers()["x-request-id"];
    const sent = response.request();
    if (!id || !response.url().startsWith(base) || !(sent.isNavigationRequest() || sent.method() === "POST")) return;
    ids.set(id, `${sent.method()} ${new URL(response.url()).pathname}`);
  });
}

async function sessionTokens(page: Page): Promise<string[]> {
  return (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token")).map((cookie) => cookie.value);
}

async function freshPage(browser: Browser, base: string, ids: Map<string, string>): Promise<Page> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  recordIds(page, base, ids);
  return page;
}

test("the server's log is JSON lines under each request's id, with no secret or address in them", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const databaseUrl = newDatabaseUrl();
  const admin = await connectAdmin(serverUrl(), "Log drills", "npm run test:e2e");
  await admin.unsafe(`create database "${databaseName(databaseUrl)}"`);
  const server = await startAppServer({ databaseUrl, env: { LOG_LEVEL: "debug", METRICS_TOKEN } });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const base = server.url;
  const ids = new Map<string, string>();
  const secrets: Record<string, string> = { password: PASSWORD, "metrics token": METRICS_TOKEN };
  const email = uniqueEmail("logs");
  secrets.email = email;
  secrets["email's name"] = email.split("@")[0]!;
  const pages: Page[] = [];
  try {
    const from = server.output().length;
    recordIds(page, base, ids);

    await test.step("sign up with a password, and finish from the emailed link", async () => {
      await page.goto(`${base}/login?mode=signup`);
      await page.getByLabel("Name", { exact: true }).fill("Log Reader");
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("status")).toContainText("you'll receive a link");

      const link = linkIn(await newestMail(sql, email, "Finish creating"), "/login/finish?");
      secrets["sign-up link's token"] = link.searchParams.get("token")!;
      await page.goto(`${base}${link.pathname}${link.search}`);
      await page.getByRole("button", { name: "Create my account" }).click();
      await expect(page).toHaveURL(/\/studio$/);
      await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
    });

    await test.step("view pages signed in", async () => {
      await page.goto(`${base}/explore`);
      await page.goto(`${base}/studio`);
      await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
      for (const [index, token] of (await sessionTokens(page)).entries()) secrets[`session ${index}`] = token;
    });

    await test.step("sign in with the password elsewhere", async () => {
      const other = await freshPage(browser, base, ids);
      pages.push(other);
      await other.goto(`${base}/login`);
      await other.getByLabel("Email", { exact: true }).fill(email);
      await other.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await other.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(other.getByRole("heading", { level: 1, name: "Your feed" })).toBeVisible();
      for (const [index, token] of (await sessionTokens(other)).entries()) secrets[`password session ${index}`] = token;
    });

    await test.step("sign in by an emailed link elsewhere", async () => {
      const other = await freshPage(browser, base, ids);
      pages.push(other);
      await other.goto(`${base}/login`);
      await other.getByRole("button", { name: "Email me a sign-in link instead" }).click();
      await other.getByLabel("Email", { exact: true }).fill(email);
      await other.getByRole("button", { name: "Email me a sign-in link" }).click();
      await expect(other.getByRole("status")).toContainText("We emailed a sign-in link");

      const link = linkIn(await newestMail(sql, email, "Your sign-in link"), "/api/auth/callback/");
      secrets["sign-in link's token"] = link.searchParams.get("token")!;
      await other.goto(`${base}${link.pathname}${link.search}`);
      await expect.poll(() => sessionTokens(other)).not.toEqual([]);
      for (const [index, token] of (await sessionTokens(other)).entries()) secrets[`link session ${index}`] = token;
      await other.goto(`${base}/studio`);
      await expect(other.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
    });

    let metricsId = "";
    let clientNamedId = "";
    await test.step("scrape the metrics with the bearer token, and name a request as a client", async () => {
      const scrape = await request.get(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(scrape.status()).toBe(200);
      metricsId = scrape.headers()["x-request-id"] ?? "";
      ids.set(metricsId, "GET /api/metrics");

      // No proxy is trusted (TRUSTED_PROXY_HOPS unset): a client's X-Request-Id is not taken.
      const named = await request.get(`${base}/explore`, { headers: { "x-request-id": "chosen-by-client" } });
      clientNamedId = named.headers()["x-request-id"] ?? "";
      expect(clientNamedId).toMatch(/^[0-9a-f-]{36}$/);
      ids.set(clientNamedId, "GET /explore");
    });

    // The last answers' lines are written as they finish; the pipe may bring them a moment later.
    await expect.poll(() => linesSince(server, from).some(({ line }) => line?.requestId === clientNamedId)).toBe(true);
    const lines = linesSince(server, from);

    await test.step("every line is JSON with a level and a time", async () => {
      const notJson = lines.filter(({ line }) => line === null || typeof line.level !== "string" || typeof line.time !== "string");
      expect(notJson.map(({ text }) => text)).toEqual([]);
    });

    await test.step("each request's lines carry the id its answer named, and every line belongs to a request or a job", async () => {
      const parsed = lines.map(({ line }) => line!);
      expect(ids.size).toBeGreaterThan(8);
      for (const [id, what] of ids) {
        expect(parsed.some((line) => line.requestId === id), `a line for ${what} (${id})`).toBe(true);
      }
      expect(parsed.filter((line) => !line.requestId && !line.job)).toEqual([]);
      expect(parsed.some((line) => line.requestId === "chosen-by-client")).toBe(false);
    });

    await test.step("no line holds a secret or the address, though the links that carried them were logged", async () => {
      const text = lines.map((entry) => entry.text).join("\n");
      for (const [what, secret] of Object.entries(secrets)) {
        expect(secret.length, what).toBeGreaterThan(5);
        expect(text.includes(secret), `the log holds the ${what}`).toBe(false);
      }
      const paths = lines.map(({ line }) => String(line?.path ?? ""));
      expect(paths.some((path) => path.startsWith("/api/auth/callback/") && path.includes("token=[redacted]"))).toBe(true);
      expect(paths.some((path) => path.startsWith("/login/finish?token=[redacted]"))).toBe(true);
    });
  } finally {
    // What the server printed, to read when this fails.
    await test.info().attach("server output", { body: server.output(), contentType: "text/plain" });
    for (const other of pages) await other.context().close();
    await sql.end({ timeout: 5 });
    await server.stop();
    await admin.unsafe(`drop database if exists "${databaseName(databaseUrl)}" with (force)`);
    await admin.end({ timeout: 5 });
  }
});
