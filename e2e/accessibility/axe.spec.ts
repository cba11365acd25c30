// Accessibility on the pages fans and creators use: axe-core finds nothing serious or critical,
// each page has exactly one h1, and its headings go down one level at a time. The pages hold
// realistic data: a creator with a free and a paid tier, a public post, a post for the paid tier
// behind a paywall break, and a paying member.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { docWithPaywall, docWithText } from "@/server/testing/documents";
import type { TestCreator, TestPost, TestUser } from "@/server/testing/factories";
import { expect, test as base, uniqueToken } from "../support/fixtures";

type World = { creator: TestCreator & { user: TestUser }; open: TestPost; gated: TestPost };

const test = base.extend<{ world: World }>({
  world: async ({ users, posts, tiers, memberships }, use) => {
    const token = uniqueToken();
    const creator = await users.createCreator({ displayName: `Kiln & Co ${token.slice(0, 4)}` });
    await tiers.create({ creator, name: "Readers", monthlyPrice: 0, benefits: ["Every public post by email"] });
    const paid = await tiers.create({ creator, name: "Studio circle", monthlyPrice: 600, benefits: ["Members-only posts", "Monthly studio notes"] });
    const open = await posts.create({
      creator,
      title: `Glazing at cone six ${token}`,
      document: docWithText("What I learned from a year of firing at cone six.", "The short answer: test tiles, always."),
      publish: true,
    });
    const gated = await posts.create({
      creator,
      title: `Kiln log, March ${token}`,
      document: docWithPaywall("The firing schedule I settled on this month.", "Ramp, hold, cool: the numbers, step by step."),
      access: "tiers",
      tierIds: [paid.id],
      publish: true,
    });
    await memberships.create({ tier: paid, user: await users.create({ name: "Ada Potter" }) });
    await use({ creator, open, gated });
  },
});

/** Serious and critical findings, one line each, so a failure names the rule and the elements. */
async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** The heading levels in reading order; visually hidden ones count, since screen readers read them. */
function headingLevels(page: Page): Promise<number[]> {
  return page
    .locator("h1, h2, h3, h4, h5, h6")
    .evaluateAll((headings) => headings.filter((h) => !h.closest("dialog:not([open])")).map((h) => Number(h.tagName[1])));
}

async function expectAccessible(page: Page) {
  expect(await seriousFindings(page)).toEqual([]);
  const levels = await headingLevels(page);
  expect(levels.filter((level) => level === 1), "one h1 per page").toHaveLength(1);
  expect(levels[0], "the h1 comes first").toBe(1);
  const skips = levels.flatMap((level, index) => (index > 0 && level > levels[index - 1]! + 1 ? [`h${levels[index - 1]} → h${level}`] : []));
  expect(skips, "headings go down one level at a time").toEqual([]);
}

test.describe("public pages", () => {
  test("the home page", async ({ page, world: _world }) => {
    await page.goto("/");
    // Other specs publish too: the newest posts are whoever's came last, but there are some.
    await expect(page.getByRole("article").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("explore", async ({ page, world: _world }) => {
    await page.goto("/explore");
    await expect(page.getByRole("article").first()).toBeVisible();
    await expectAccessible(page);
  });

  test("a creator page", async ({ page, world: { creator, gated } }) => {
    await page.goto(`/${creator.handle}`);
    await expect(page.getByRole("link", { name: gated.title })).toBeVisible();
    await expectAccessible(page);
  });

  test("a public post", async ({ page, world: { creator, open } }) => {
    await page.goto(`/${creator.handle}/posts/${open.slug}`);
    await expect(page.getByRole("heading", { level: 1, name: open.title })).toBeVisible();
    await expectAccessible(page);
  });

  test("a members-only post, as a visitor sees it", async ({ page, world: { creator, gated } }) => {
    await page.goto(`/${creator.handle}/posts/${gated.slug}`);
    await expect(page.getByRole("region", { name: "Join to unlock" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the join page", async ({ page, world: { creator } }) => {
    await page.goto(`/${creator.handle}/join`);
    await expect(page.getByRole("heading", { name: "Studio circle" })).toBeVisible();
    await expectAccessible(page);
  });

  test("sign in", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Welcome back" })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("the studio", () => {
  test("the editor, its settings and its publish step", async ({ page, login, editor, posts, world: { creator, gated } }) => {
    // Three pages' worth of checks in one test.
    test.slow();
    const draft = await posts.create({ creator, title: `Notes on ash glazes ${uniqueToken()}`, document: docWithText("Wood ash, sieved twice.") });
    await login(page, creator.user);

    await editor.open(gated.id);
    await expect(page.getByRole("button", { name: /^Who can read:/ })).toContainText("Studio circle");
    await expectAccessible(page);

    await editor.open(draft.id);
    const settings = await editor.openSettings();
    await expect(settings.getByRole("radio", { name: /^Public/ })).toBeVisible();
    await expectAccessible(page);
    await settings.getByRole("button", { name: "Close" }).click();

    const step = await editor.openPublishStep();
    await expect(step.getByRole("button", { name: "Publish now" })).toBeVisible();
    await expectAccessible(page);
  });

  test("the posts library", async ({ page, login, posts, world: { creator, gated } }) => {
    await posts.create({ creator, title: `Throwing big bowls ${uniqueToken()}` });
    await login(page, creator.user);
    await page.goto("/studio/posts");
    await expect(page.getByRole("link", { name: gated.title })).toBeVisible();
    await expectAccessible(page);
  });

  test("tiers", async ({ page, login, world: { creator } }) => {
    await login(page, creator.user);
    await page.goto("/studio/tiers");
    await expect(page.getByRole("heading", { name: /Studio circle/ })).toBeVisible();
    await expectAccessible(page);
  });

  test("audience", async ({ page, login, world: { creator } }) => {
    await login(page, creator.user);
    await page.goto("/studio/audience");
    await expect(page.getByRole("table").getByText("Ada Potter")).toBeVisible();
    await expectAccessible(page);
  });

  test("analytics", async ({ page, login, world: { creator } }) => {
    await login(page, creator.user);
    await page.goto("/studio/analytics");
    await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Views/ })).toBeVisible();
    await expectAccessible(page);
  });

  test("analytics: posts, and members and earnings", async ({ page, login, world: { creator } }) => {
    await login(page, creator.user);
    await page.goto("/studio/analytics/posts");
    await expect(page.getByRole("table")).toBeVisible();
    await expectAccessible(page);
    await page.goto("/studio/analytics/earnings");
    await expect(page.getByRole("heading", { name: "How long members stay" })).toBeVisible();
    await expectAccessible(page);
  });

  test("settings", async ({ page, login, world: { creator } }) => {
    await login(page, creator.user);
    await page.goto("/studio/settings");
    await expect(page.getByLabel("Display name")).toHaveValue(creator.displayName);
    await expectAccessible(page);
  });
});
