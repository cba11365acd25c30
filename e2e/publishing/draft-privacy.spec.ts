// Drafts are invisible to everyone but their creator: the draft's public address answers exactly
// like an address that never had a post, so nobody can even learn that a draft exists.
import type { Page } from "@playwright/test";
import { docWithText } from "@/server/testing/documents";
import type { TestCreator, TestUser } from "@/server/testing/factories";
import { expect, test as base } from "../support/fixtures";

const TITLE = "A secret work in progress";
const BODY = "Nobody else may read this sentence yet.";

type Draft = {
  creator: TestCreator & { user: TestUser };
  /** The address the post would have if it were published. */
  path: string;
  /** An address on the same creator page where no post ever existed. */
  missingPath: string;
};

/** Each test gets its own creator with one saved, unpublished draft. */
const test = base.extend<{ draft: Draft }>({
  draft: async ({ users, posts }, use) => {
    const creator = await users.createCreator();
    const post = await posts.create({ creator, title: TITLE, document: docWithText(BODY) });
    expect(post.status).toBe("draft");
    await use({
      creator,
      path: `/${creator.handle}/posts/${post.slug}`,
      missingPath: `/${creator.handle}/posts/${post.slug}-never-existed`,
    });
  },
});

/**
 * Opens `path`, which must answer as a missing page, and returns what the visitor can tell about it:
 * the status, the tab title and the visible text.
 */
async function visitMissing(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  // The tab title arrives with the streamed metadata, after the first paint: wait for it.
  await expect(page).toHaveTitle("Not found · Atelier");
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  return { status: response?.status(), title: await page.title(), text: await page.locator("body").innerText() };
}

test.describe("a draft's public address", () => {
  test("answers an anonymous visitor exactly like a post that never existed", async ({ page, draft }) => {
    const missing = await visitMissing(page, draft.missingPath);
    const seen = await visitMissing(page, draft.path);
    expect(seen).toEqual(missing);
    expect(seen.text).not.toContain(TITLE);
    expect(seen.text).not.toContain(BODY);
  });

  test("answers another signed-in user exactly like a post that never existed", async ({
    page,
    draft,
    users,
    login,
  }) => {
    await login(page, await users.create());
    const missing = await visitMissing(page, draft.missingPath);
    const seen = await visitMissing(page, draft.path);
    expect(seen).toEqual(missing);
    expect(seen.text).not.toContain(TITLE);
    expect(seen.text).not.toContain(BODY);
  });

  test("shows the creator their own draft, marked as private", async ({ page, draft, login }) => {
    await login(page, draft.creator.user);
    const response = await page.goto(draft.path);
    expect(response?.status()).toBe(200);
    await expect(page.getByText("Only you can see this draft")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByRole("article")).toContainText(BODY);
  });
});
