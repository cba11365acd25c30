// Following in the browser: a fan follows a creator who has no tiers from their page, the
// creator's next post is on the fan's home feed, and unfollowing from a post's end empties it
// again; a signed-out reader is asked to sign in and comes back; the creator sees the follower.
import { expect, test } from "../support/fixtures";

test("follow from the creator page, read the next post on the home feed, unfollow from the post's end", async ({ page, users, posts, login }) => {
  const creator = await users.createCreator({ displayName: "Noor Tierless" });
  const fan = await users.create({ name: "Follower Fan" });
  await login(page, fan);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Your feed" })).toBeVisible();
  await expect(page.getByText("Your feed is empty for now.")).toBeVisible();

  await page.goto(`/${creator.handle}`);
  // No tiers, so following is the page's first action.
  await expect(page.getByRole("link", { name: "Join" })).toHaveCount(0);
  const follow = page.getByRole("button", { name: "Follow Noor Tierless" });
  await follow.click();
  await expect(page.getByRole("button", { name: "Following Noor Tierless" })).toHaveAttribute("aria-pressed", "true");

  const post = await posts.create({ creator, title: "A letter to my followers", publish: true });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "A letter to my followers" })).toBeVisible();

  await page.getByRole("link", { name: "A letter to my followers" }).click();
  await expect(page).toHaveURL(new RegExp(`/${creator.handle}/posts/${post.slug}$`));
  const end = page.getByRole("complementary", { name: "More from Noor Tierless" });
  await expect(end.getByText("You follow Noor Tierless")).toBeVisible();
  await end.getByRole("button", { name: "Following Noor Tierless" }).click();
  await expect(end.getByRole("button", { name: "Follow Noor Tierless" })).toHaveAttribute("aria-pressed", "false");

  // Stopping sticks: after a reload the page still says so, and the feed no longer has the post.
  await page.reload();
  await expect(page.getByRole("complementary", { name: "More from Noor Tierless" }).getByRole("button", { name: "Follow Noor Tierless" })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Your feed is empty for now.")).toBeVisible();
});

test("a signed-out reader is asked to sign in to follow, and comes back to the page", async ({ page, users }) => {
  const creator = await users.createCreator({ displayName: "Oskar Open" });
  const fan = await users.create();
  await page.goto(`/${creator.handle}`);
  await page.getByRole("link", { name: "Follow Oskar Open" }).click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email", { exact: true }).fill(fan.email);
  await page.getByLabel("Password", { exact: true }).fill(fan.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${creator.handle}$`));
  await page.getByRole("button", { name: "Follow Oskar Open" }).click();
  await expect(page.getByRole("button", { name: "Following Oskar Open" })).toBeVisible();
});

test("the creator sees who follows them in Audience", async ({ page, users, login, db }) => {
  const creator = await users.createCreator({ displayName: "Pia Counted" });
  const fan = await users.create({ name: "Quinn Follows" });
  const { followCreator } = await import("@/server/services/discovery/follows");
  await followCreator({ db, viewer: { userId: fan.id }, now: new Date() }, { creatorId: creator.id });
  await login(page, creator.user);
  await page.goto("/studio/audience");
  const followers = page.getByRole("region", { name: /Followers/ });
  await expect(followers.getByRole("heading", { name: /Followers\s*1/ })).toBeVisible();
  await expect(followers.getByText("Quinn Follows")).toBeVisible();
});
