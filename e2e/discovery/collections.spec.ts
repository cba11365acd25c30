// A collection end to end: the creator builds one in the studio (creates it, adds posts, puts one
// first), and a reader who has never signed in finds it on the creator's page and reads it start
// to end with Next, back with Previous; the archive filters by it; its feed lists the posts in the
// same order.
import { expect, test } from "../support/fixtures";

test("a creator builds a collection and a reader reads it start to end", async ({ page, browser, users, posts, login }) => {
  const creator = await users.createCreator({ displayName: "Iris Courses" });
  const first = await posts.create({ creator, title: "Lesson one: the pencil", publish: true });
  const second = await posts.create({ creator, title: "Lesson two: the line", publish: true });
  const third = await posts.create({ creator, title: "Lesson three: the shadow", publish: true });

  await login(page, creator.user);
  await page.goto("/studio/posts");
  await page.getByRole("link", { name: "Collections" }).click();
  await expect(page.getByText("No collections yet.")).toBeVisible();
  const create = page.getByRole("form", { name: "New collection" });
  await create.getByLabel("New collection's title").fill("Drawing from zero");
  await create.getByLabel("Description (optional)").fill("Three short lessons, in order.");
  await create.getByRole("button", { name: "Create" }).click();
  const adder = page.getByRole("form", { name: "Add a post to Drawing from zero" });
  for (const post of [second, third, first]) {
    await adder.getByLabel("Add a post").selectOption({ label: post.title });
    await adder.getByRole("button", { name: "Add" }).click();
    await expect(page.getByRole("list", { name: "Posts in Drawing from zero" }).getByText(post.title, { exact: true })).toBeVisible();
  }
  // Lesson one was added last: move it to the top.
  await page.getByRole("button", { name: "Move Lesson one: the pencil up" }).click();
  await expect(page.getByRole("button", { name: "Move Lesson one: the pencil up" })).toBeEnabled();
  await page.getByRole("button", { name: "Move Lesson one: the pencil up" }).click();
  const order = page.getByRole("list", { name: "Posts in Drawing from zero" }).getByRole("listitem");
  await expect(order).toHaveText([/Lesson one/, /Lesson two/, /Lesson three/]);

  const reader = await browser.newPage();
  await reader.goto(`/${creator.handle}`);
  await reader.getByRole("region", { name: "Collections" }).getByRole("link", { name: /Drawing from zero/ }).click();
  await expect(reader.getByRole("heading", { level: 1, name: "Drawing from zero" })).toBeVisible();
  await expect(reader.getByRole("list", { name: "Posts in Drawing from zero" }).getByRole("heading")).toHaveText([first.title, second.title, third.title]);

  await reader.getByRole("link", { name: "Start reading" }).click();
  for (const [index, post] of [first, second, third].entries()) {
    await expect(reader.getByRole("heading", { level: 1, name: post.title })).toBeVisible();
    const nav = reader.getByRole("navigation", { name: "In the collection Drawing from zero" });
    await expect(nav).toContainText(`Part ${index + 1} of 3 in Drawing from zero`);
    if (index < 2) await nav.getByRole("link", { name: /Next/ }).click();
    else await expect(nav.getByRole("link", { name: /Next/ })).toHaveCount(0);
  }
  await reader.getByRole("navigation", { name: "In the collection Drawing from zero" }).getByRole("link", { name: /Previous/ }).click();
  await expect(reader.getByRole("heading", { level: 1, name: second.title })).toBeVisible();

  // The archive filters by it too.
  const other = await posts.create({ creator, title: "Not a lesson", publish: true });
  await reader.goto(`/${creator.handle}/posts`);
  await expect(reader.getByRole("heading", { name: other.title })).toBeVisible();
  const filters = reader.getByRole("form", { name: "Filter posts" });
  await filters.getByLabel("Collection").selectOption({ label: "Drawing from zero" });
  await filters.getByRole("button", { name: "Show posts" }).click();
  await expect(reader).toHaveURL(/\/posts\?collection=drawing-from-zero/);
  await expect(reader.getByRole("heading", { level: 3 })).toHaveText([third.title, second.title, first.title]);

  const feed = await reader.request.get(`/${creator.handle}/collections/drawing-from-zero/feed.xml`);
  expect(feed.status()).toBe(200);
  const titles = [...(await feed.text()).matchAll(/<item><title>([^<]+)<\/title>/g)].map((match) => match[1]);
  expect(titles).toEqual([first.title, second.title, third.title]);
});
