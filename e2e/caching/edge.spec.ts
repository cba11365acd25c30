// The shipped nginx configuration (deploy/nginx/atelier.conf) in front of the production build:
// anonymous readers are answered by nginx, signed-in readers always by the app, a change reaches
// readers behind nginx within the shared pages' s-maxage, and a failing app is covered by the last
// good copy; readers' analytics beacons go to the app's ingest port and are counted. nginx is
// Debian's (`apt-get install nginx`, as .ci/run does).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { Db } from "@/db/client";
import { SHARED_PAGE_SECONDS } from "@/lib/shared-pages";
import { docWithText } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((candidate) => fs.existsSync(candidate));
const SHIPPED = path.resolve(import.meta.dirname, "../../deploy/nginx/atelier.conf");

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

type Edge = { url: string; pointAt(upstreamPort: number): Promise<void>; stop(): Promise<void> };

/** The shipped configuration, changed only in where it listens, where the app is and where it caches. */
async function startEdge(appPort: number): Promise<Edge> {
  if (!NGINX) throw new Error("nginx is not installed: apt-get install -y nginx");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "atelier-edge-"));
  fs.chmodSync(root, 0o777);
  const port = await freePort();
  const shipped = fs.readFileSync(SHIPPED, "utf8");
  const site = (upstream: number) =>
    shipped
      .replace("listen 80;", `listen 127.0.0.1:${port};`)
      .replace("server 127.0.0.1:3000;", `server 127.0.0.1:${upstream};`)
      // The app's analytics ingest listens on the port after its own (scripts/e2e-server.ts).
      .replace("server 127.0.0.1:3001;", `server 127.0.0.1:${appPort + 1};`)
      .replace("/var/cache/nginx/atelier", path.join(root, "cache"));
  const writeSite = (upstream: number) => fs.writeFileSync(path.join(root, "atelier.conf"), site(upstream));
  writeSite(appPort);
  fs.writeFileSync(
    path.join(root, "nginx.conf"),
    [
      "worker_processes 1;",
      `pid ${root}/nginx.pid;`,
      `error_log ${root}/error.log;`,
      "events { worker_connections 256; }",
      "http {",
      "  access_log off;",
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${root}/${kind};`),
      `  include ${root}/atelier.conf;`,
      "}",
    ].join("\n"),
  );
  const child: ChildProcess = spawn(NGINX, ["-p", root, "-c", path.join(root, "nginx.conf"), "-g", "daemon off;"], { stdio: "inherit" });
  const url = `http://127.0.0.1:${port}`;
  await expect.poll(async () => (await fetch(`${url}/api/health`).catch(() => null))?.status ?? 0, { timeout: 15_000 }).toBe(200);
  return {
    url,
    async pointAt(upstreamPort) {
      writeSite(upstreamPort);
      child.kill("SIGHUP");
      // The reload takes effect when new workers answer; the old ones finish what they hold.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await exited;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

const DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** The kinds of the analytics events written for a post, in order. */
async function eventKinds(db: Db, postId: string): Promise<string[]> {
  const events = await db.query.analyticsEvents.findMany({ where: (event, { eq }) => eq(event.postId, postId), columns: { kind: true } });
  return events.map((event) => event.kind).sort();
}

async function through(request: APIRequestContext, url: string, cookie?: string) {
  const response = await request.get(url, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()["x-cache"], text: await response.text() };
}

test.describe("nginx in front (deploy/nginx/atelier.conf)", () => {
  let edge: Edge;
  test.beforeAll(async ({}, testInfo) => {
    edge = await startEdge(Number(new URL(testInfo.project.use.baseURL!).port));
  });
  test.afterAll(async () => edge?.stop());

  test("answers strangers from its cache and the signed in from the app", async ({ page, request, users, posts, login }) => {
    const creator = await users.createCreator({ displayName: "Edge Creator" });
    const post = await posts.create({ creator, title: "Behind the edge", publish: true, document: docWithText("Edge words.") });
    const url = `${edge.url}/${creator.handle}/posts/${post.slug}`;

    expect((await through(request, url)).cache).toBe("MISS");
    const hit = await through(request, url);
    expect(hit).toMatchObject({ status: 200, cache: "HIT" });
    expect(hit.text).toContain("Edge words.");

    await login(page, creator.user);
    const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
    for (let i = 0; i < 2; i++) {
      const signedIn = await through(request, url, cookie);
      expect(signedIn.cache).toBe("BYPASS");
      expect(signedIn.text).toContain(">Studio<");
    }
    // The signed-in answers were not kept: strangers still get the anonymous page.
    const after = await through(request, url);
    expect(after.cache).toBe("HIT");
    expect(after.text).not.toContain(">Studio<");
  });

  test("sends a reader's beacons to the app's ingest port, which counts them", async ({ browser, request, users, posts, db }, testInfo) => {
    const creator = await users.createCreator();
    const post = await posts.create({ creator, title: "Counted at the edge", publish: true, document: docWithText("Read to the end.") });
    const reader = await browser.newContext({ userAgent: DESKTOP_CHROME });
    const tab = await reader.newPage();
    const answers: number[] = [];
    tab.on("response", (response) => {
      if (new URL(response.url()).pathname === "/api/events") answers.push(response.status());
    });
    await tab.goto(`${edge.url}/${creator.handle}/posts/${post.slug}`);
    await expect(tab.getByRole("heading", { level: 1, name: "Counted at the edge" })).toBeVisible();
    // The view, then the engaged read (the short post is read to its end), both taken.
    await expect.poll(() => answers).toEqual([204, 204]);
    await reader.close();
    await expect.poll(() => eventKinds(db, post.id)).toEqual(["engaged", "view"]);

    // What answered them is the listener on the ingest port, which takes nothing but beacons.
    const ingest = `http://127.0.0.1:${Number(new URL(testInfo.project.use.baseURL!).port) + 1}`;
    const asked = await request.get(`${ingest}/api/events`);
    expect(asked.status()).toBe(405);
    expect(await asked.text()).toBe("Events are sent with POST.");
    expect((await request.get(`${ingest}/${creator.handle}`)).status()).toBe(404);
  });

  test("shows a change within the stated bound, and the last good copy while the app fails", async ({ page, request, users, posts, login }) => {
    const creator = await users.createCreator();
    const post = await posts.create({ creator, title: "Changing behind the edge", publish: true, document: docWithText("Before.") });
    const url = `${edge.url}/${creator.handle}/posts/${post.slug}`;
    await through(request, url);
    expect((await through(request, url)).cache).toBe("HIT");

    await login(page, creator.user);
    await page.goto("/studio");
    const origin = new URL(page.url()).origin;
    const call = async (procedure: string, input: unknown) => {
      const response = await page.context().request.post(`/api/trpc/${procedure}`, { data: { json: input }, headers: { origin } });
      expect(response.status(), await response.text()).toBe(200);
      return ((await response.json()) as { result: { data: { json: { version: number } } } }).result.data.json;
    };
    const saved = await call("post.save", { id: post.id, baseVersion: post.version, title: post.title, document: docWithText("After."), reason: "manual" });
    await call("post.update", { id: post.id, baseVersion: saved.version });

    // The bound: the shared pages' s-maxage, plus the one request that refreshes the copy.
    await expect
      .poll(async () => (await through(request, url)).text, { timeout: (SHARED_PAGE_SECONDS + 5) * 1000, intervals: [500] })
      .toContain("After.");

    // The app goes away: past its s-maxage, readers get the last good copy.
    await edge.pointAt(await freePort());
    await new Promise((resolve) => setTimeout(resolve, (SHARED_PAGE_SECONDS + 1) * 1000));
    const stale = await through(request, url);
    expect(stale.status).toBe(200);
    expect(["STALE", "UPDATING"]).toContain(stale.cache);
    expect(stale.text).toContain("After.");
    await edge.pointAt(Number(new URL(origin).port));
  });
});
