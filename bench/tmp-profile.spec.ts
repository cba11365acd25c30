import { countWords } from "@/lib/document/text";
import { test } from "../e2e/support/fixtures";

test("profile", async ({ browser, baseURL, users, posts, login }) => {
  test.setTimeout(600_000);
  const { generateArticle } = await import("./dataset");
  const creator = await users.createCreator();
  const document = generateArticle(20_000, 0x5eed_2000);
  const post = await posts.create({ creator, title: `Typing`, document });
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, creator.user);
  page.on("dialog", (d) => void d.accept());
  await page.goto(`/studio/posts/${post.id}`);
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
  await page.getByRole("textbox", { name: "Post body" }).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("warm up ");
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.keyboard.type("the press keeps its own slow time and every proof asks for patience. ".repeat(2));
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  // inclusive time
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    }
  });
  console.log("words", countWords(document));
  console.log("SELF", [...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)} ${k}`).join("\n"));
  console.log("INCL", [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${v.toFixed(1)} ${k}`).join("\n"));
  await context.close();
});
