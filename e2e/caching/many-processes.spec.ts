// Two production processes on one database and one Redis (REDIS_URL), as behind a load balancer:
// a page both have cached changes through one of them, and the other serves the new version on
// the very next request. Redis runs beside PostgreSQL (127.0.0.1:6379).
import { startAppServer, type AppServer } from "@/test/support/app-server";
import { docWithText } from "@/server/testing/documents";
import { e2eDatabaseUrl } from "../support/database";
import { expect, test } from "../support/fixtures";

const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

test("a change made through one process is served by the other at once", async ({ page, request, users, posts, login }) => {
  // Two more production servers to start, on a machine the suite already keeps busy.
  test.setTimeout(180_000);
  const servers: AppServer[] = [];
  try {
    // A namespace of this test's own: the suite's main server keeps its pages in its own memory.
    const env = { REDIS_URL, PAGE_CACHE_NAMESPACE: `e2e-${Date.now().toString(36)}` };
    for (let i = 0; i < 2; i++) servers.push(await startAppServer({ databaseUrl: e2eDatabaseUrl(), env }));
    const [one, two] = servers as [AppServer, AppServer];

    const creator = await users.createCreator({ displayName: "Two Processes" });
    const post = await posts.create({ creator, title: "Shared between processes", publish: true, document: docWithText("Version one.") });
    const path = `/${creator.handle}/posts/${post.slug}`;
    for (const server of [one, two]) {
      await request.get(`${server.url}${path}`);
      const again = await request.get(`${server.url}${path}`);
      expect(again.headers()["x-nextjs-cache"], server.url).toBe("HIT");
      expect(await again.text()).toContain("Version one.");
    }

    // The creator's session works on either process (sessions live in the database).
    await login(page, creator.user);
    const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
    const call = async (procedure: string, input: unknown) => {
      const response = await request.post(`${one.url}/api/trpc/${procedure}`, { data: { json: input }, headers: { cookie, origin: one.url } });
      expect(response.status(), await response.text()).toBe(200);
      return ((await response.json()) as { result: { data: { json: { version: number } } } }).result.data.json;
    };
    const saved = await call("post.save", { id: post.id, baseVersion: post.version, title: post.title, document: docWithText("Version two."), reason: "manual" });
    await call("post.update", { id: post.id, baseVersion: saved.version });

    const fromTwo = await request.get(`${two.url}${path}`);
    expect(await fromTwo.text()).toContain("Version two.");
    const fromOne = await request.get(`${one.url}${path}`);
    expect(await fromOne.text()).toContain("Version two.");
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
});
