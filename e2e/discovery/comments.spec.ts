// Talking under a post, in the browser: a member comments, the creator replies and their reply
// reaches the member's open page without a reload; both like; a fan who is not a member sees only
// how many comments there are; a signed-out reader of a public post is asked to sign in.
import { randomUUID } from "node:crypto";
import { docWithPaywall } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";

test("a member comments, the creator's reply appears on the member's open page, and a non-member sees only the count", async ({
  page,
  browser,
  baseURL,
  users,
  tiers,
  posts,
  memberships,
  login,
}) => {
  const creator = await users.createCreator({ displayName: "Sol Speaks" });
  const tier = await tiers.create({ creator, name: "Circle", monthlyPrice: 0 });
  const post = await posts.create({ creator, title: "Circle notes", document: docWithPaywall("For everyone.", "For the circle."), access: "members", publish: true });
  const member = await users.create({ name: "Mina Member" });
  await memberships.create({ tier, user: member });
  const words = `What a view ${randomUUID().slice(0, 8)}`;
  const path = `/${creator.handle}/posts/${post.slug}`;

  await login(page, member);
  await page.goto(path);
  const comments = page.getByRole("region", { name: "Comments" });
  await expect(comments.getByText("No comments yet: be the first.")).toBeVisible();
  await comments.getByRole("textbox", { name: "Add a comment" }).fill(words);
  await comments.getByRole("button", { name: "Post comment" }).click();
  const mine = comments.getByRole("article", { name: "Comment by Mina Member" });
  await expect(mine.getByText(words)).toBeVisible();
  await expect(comments.getByRole("textbox", { name: "Add a comment" })).toHaveValue("");
  await mine.getByRole("button", { name: "Like Mina Member's comment" }).click();
  await expect(mine.getByText("1 like")).toBeVisible();

  const creatorContext = await browser.newContext({ baseURL });
  try {
    const creatorPage = await creatorContext.newPage();
    await login(creatorPage, creator.user);
    await creatorPage.goto(path);
    const thread = creatorPage.getByRole("region", { name: "Comments" }).getByRole("article", { name: "Comment by Mina Member" });
    await thread.getByRole("button", { name: "Reply to Mina Member" }).click();
    await thread.getByRole("textbox", { name: "Reply to Mina Member" }).fill("Glad you like it.");
    await thread.getByRole("button", { name: "Reply", exact: true }).click();
    await expect(thread.getByRole("article", { name: "Comment by Sol Speaks" }).getByText("Glad you like it.")).toBeVisible();
  } finally {
    await creatorContext.close();
  }

  // The member's page, left open, shows the reply on its own, marked as the creator's.
  const reply = mine.getByRole("article", { name: "Comment by Sol Speaks" });
  await expect(reply.getByText("Glad you like it.")).toBeVisible({ timeout: 15_000 });
  await expect(reply.getByText("Creator")).toBeVisible();

  const outsiderContext = await browser.newContext({ baseURL });
  try {
    const outsider = await outsiderContext.newPage();
    await login(outsider, await users.create());
    await outsider.goto(path);
    const seen = outsider.getByRole("region", { name: "Comments" });
    await expect(seen.getByText("2 comments")).toBeVisible();
    await expect(seen.getByText("The conversation is for those who can read the whole post.")).toBeVisible();
    await expect(outsider.getByText(words)).toHaveCount(0);
  } finally {
    await outsiderContext.close();
  }
});

test("a signed-out reader of a public post reads the comments and is asked to sign in to write", async ({ page, users, posts, db }) => {
  const creator = await users.createCreator({ displayName: "Tove Open" });
  const post = await posts.create({ creator, title: "Open letter", publish: true });
  const fan = await users.create({ name: "Una Early" });
  const { addComment } = await import("@/server/services/community/comments");
  await addComment({ db, viewer: { userId: fan.id }, now: new Date() }, { postId: post.id, body: "Read it twice. https://atelier.example/more" });

  await page.goto(`/${creator.handle}/posts/${post.slug}`);
  const comments = page.getByRole("region", { name: "Comments" });
  const comment = comments.getByRole("article", { name: "Comment by Una Early" });
  await expect(comment.getByText("Read it twice.")).toBeVisible();
  await expect(comment.getByRole("link", { name: "https://atelier.example/more" })).toHaveAttribute("rel", /nofollow/);
  await expect(comments.getByRole("textbox")).toHaveCount(0);
  await comments.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});
