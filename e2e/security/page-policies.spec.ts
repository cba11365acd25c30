// The Content-Security-Policy in the production build, from the inside: the studio, the editor
// (Tiptap, uploads, an embedded player), sign-in and public pages all run under their policy
// without a single violation, and their scripts really ran (React hydrated).
import type { Page, Response } from "@playwright/test";
import sharp from "sharp";
import type { PostDocument } from "@/lib/document/validate";
import { expect, test } from "../support/fixtures";
import { watchPolicyViolations } from "../support/policy-violations";

const EMBED: PostDocument = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "Before the film." }] },
    { type: "embed", attrs: { provider: "youtube", id: "dQw4w9WgXcQ" } },
  ],
};

function policyOf(response: Response | null): string {
  return response?.headers()["content-security-policy"] ?? "";
}

/** Next.js sets `window.next` once its client runtime has run: the page's scripts were allowed. */
async function expectHydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));
}

test("the studio and the editor run under a per-viewer nonce policy without a violation", async ({ page, users, login, editor }) => {
  const violations = await watchPolicyViolations(page.context());
  const creator = await users.createCreator();
  await login(page, creator.user);

  const studio = await page.goto("/studio");
  expect(policyOf(studio)).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await expectHydrated(page);

  await editor.openNew("Under the policy");
  await editor.typeAtEnd("Plain, then ");
  await editor.toolbar.getByRole("button", { name: "Underline" }).click();
  await page.keyboard.type("underlined");
  await page.keyboard.press("Enter");

  const png = await sharp({ create: { width: 320, height: 200, channels: 3, background: "#c2410c" } }).png().toBuffer();
  await editor.insertFiles("image", { name: "kiln.png", mimeType: "image/png", buffer: png });
  await expect(editor.body.locator("figure.media-image img")).toBeVisible({ timeout: 30_000 });

  await editor.toolbar.getByRole("button", { name: "Embed video" }).click();
  await page.getByLabel("Video link (YouTube or Vimeo)").fill("https://youtu.be/dQw4w9WgXcQ");
  await page.getByRole("button", { name: "Embed", exact: true }).click();
  await expect(editor.body.locator("iframe")).toHaveAttribute("sandbox", /allow-scripts/);

  await editor.save();
  const settings = await editor.openSettings();
  await page.keyboard.press("Escape");
  await expect(settings).toBeHidden();
  const history = await editor.openHistory();
  await page.keyboard.press("Escape");
  await expect(history).toBeHidden();
  const postPath = await editor.publish(creator.handle);

  await page.goto("/studio/posts");
  await expectHydrated(page);
  await page.goto("/studio/tiers");
  await expectHydrated(page);

  // The creator reads their own post with their session: the per-viewer policy again.
  const own = await page.goto(postPath);
  expect(policyOf(own)).toMatch(/'nonce-[^']+'/);
  await expectHydrated(page);

  expect(violations.entries).toEqual([]);
});

test("anonymous readers get the shared policy on public pages and a nonce on sign-in, without a violation", async ({ browser, users, posts, tiers }) => {
  const creator = await users.createCreator({ displayName: "Policy Reader" });
  await tiers.create({ creator, name: "Friends", monthlyPrice: 0 });
  const post = await posts.create({ creator, title: "A film", document: EMBED, publish: true });
  const context = await browser.newContext();
  const violations = await watchPolicyViolations(context);
  const page = await context.newPage();

  for (const path of ["/", "/explore", `/${creator.handle}`, `/${creator.handle}/posts/${post.slug}`]) {
    const response = await page.goto(path);
    const policy = policyOf(response);
    expect(policy, path).not.toContain("nonce-");
    expect(policy, path).toContain("script-src-attr 'none'");
    expect(policy, path).toContain("frame-ancestors 'none'");
    await expectHydrated(page);
  }
  const player = page.locator("iframe[title='YouTube video']");
  await expect(player).toHaveAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox");
  await expect(player).toHaveAttribute("referrerpolicy", "strict-origin-when-cross-origin");

  for (const path of [`/${creator.handle}/join`, "/search?q=film"]) {
    expect(policyOf(await page.goto(path)), path).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
    await expectHydrated(page);
  }

  // A server action round trip under the nonce policy: the refusal comes back and is shown.
  expect(policyOf(await page.goto("/login"))).toMatch(/'nonce-[^']+'/);
  await page.getByLabel("Email", { exact: true }).fill(creator.user.email);
  await page.getByLabel("Password", { exact: true }).fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();

  expect(violations.entries).toEqual([]);
  await context.close();
});

test("a signed-in reader of a public post gets a nonce, and the page runs", async ({ page, users, posts, login }) => {
  const violations = await watchPolicyViolations(page.context());
  const creator = await users.createCreator();
  const post = await posts.create({ creator, title: "For a member", document: EMBED, publish: true });
  const fan = await users.create();
  await login(page, fan);

  const path = `/${creator.handle}/posts/${post.slug}`;

  // Every script the server sent carries the nonce of the policy it came with.
  const fetched = await page.request.get(path);
  const nonce = /'nonce-([^']+)'/.exec(fetched.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const tags = ((await fetched.text()).match(/<script\b[^>]*>/g) ?? []).filter((tag) => !tag.includes("application/ld+json"));
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);

  // And a fresh one on the next request.
  const response = await page.goto(path);
  expect(policyOf(response)).toMatch(/'nonce-[^']+'/);
  expect(policyOf(response)).not.toContain(`'nonce-${nonce}'`);
  await expectHydrated(page);

  expect(violations.entries).toEqual([]);
});
