// A post's sharing card: the page names it as og:image (the cover when there is one, a drawn card
// otherwise), the card is a PNG anyone may fetch, and a draft has none.
import { expect, test } from "../support/fixtures";

test("a post without a cover shares a drawn card; a draft's card is missing like the draft", async ({ page, request, users, posts }) => {
  const creator = await users.createCreator({ displayName: "Wren Shares" });
  const post = await posts.create({ creator, title: "A card for every link", access: "paid", publish: true });
  const draft = await posts.create({ creator, title: "Not yet" });

  await page.goto(`/${creator.handle}/posts/${post.slug}`);
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toMatch(new RegExp(`^https?://[^/]+/${creator.handle}/posts/${post.slug}/card\\.png$`));
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");

  const card = await request.get(new URL(image!).pathname);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");
  expect((await card.body()).subarray(1, 4).toString()).toBe("PNG");

  expect((await request.get(`/${creator.handle}/posts/${draft.slug}/card.png`)).status()).toBe(404);
});
