// A paywall break means what it says. On a post that is still public (the default), the break
// says everyone reads below it and the publish step stops the creator with the two ways out; no
// request gets it published either, and readers never see the words below the break until the
// creator chose who may read them.
import { expect, test, uniqueToken } from "../support/fixtures";

const OPEN_WARNING = "Everyone can read below: this post is public";

test("a public post with a paywall break is stopped until the creator chooses who can read below it", async ({
  page,
  browser,
  users,
  login,
  editor,
}) => {
  const creator = await users.createCreator();
  const secret = `members-recipe-${uniqueToken()}`;
  const title = `Sourdough notes ${uniqueToken()}`;
  await login(page, creator.user);

  await test.step("the break on a public post says everyone reads below it", async () => {
    await editor.openNew(title);
    await editor.typeAtEnd("Flour, water, salt.");
    await editor.toolbar.getByRole("button", { name: "Paywall break", exact: true }).click();
    await page.keyboard.type(`The trick: ${secret}.`);
    await editor.expectSaveStatus("saved");
    await expect(page.getByRole("button", { name: /^Who can read: Public/ })).toBeVisible();
    await expect(editor.body.getByRole("separator", { name: `Paywall break. ${OPEN_WARNING}.` })).toBeVisible();
    await expect(editor.body.getByRole("alert")).toContainText("This break hides nothing.");
  });

  const postId = new URL(page.url()).pathname.split("/").pop()!;
  const visitor = await browser.newContext();
  try {
    await test.step("the publish step stops the creator and says why and how to fix it", async () => {
      const step = await editor.openPublishStep();
      const blocked = step.getByRole("alert");
      await expect(blocked).toContainText("This post cannot be published yet");
      await expect(blocked).toContainText("This post is public, so everyone could read what is below the paywall break.");
      await expect(step.getByRole("button", { name: "Publish now" })).toBeDisabled();
      await page.keyboard.press("Escape");
      await expect(step).toHaveCount(0);
    });

    await test.step("a request around the editor is refused by the server with the fix named", async () => {
      const post = await page.request.get(`/api/trpc/post.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: postId } }))}`);
      const version = ((await post.json()) as { result: { data: { json: { version: number } } } }).result.data.json.version;
      const refused = await page.request.post("/api/trpc/post.publish", { data: { json: { id: postId, baseVersion: version } } });
      expect(refused.status()).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain("Choose who can read it in Settings, or remove the break");
    });

    const reader = await visitor.newPage();
    const address = (await page.getByText(/^Address: \//).innerText()).replace(/^Address: /, "");
    expect((await reader.goto(address))?.status()).toBe(404);

    await test.step("choosing who can read it from the break makes the break a real one", async () => {
      await editor.body.getByRole("button", { name: "Choose who can read it" }).click();
      const settings = page.getByRole("dialog", { name: "Post settings" });
      await expect(settings.getByRole("radio", { name: /^Public/ })).toBeFocused();
      await settings.getByRole("radio", { name: /^Paid members/ }).check();
      await settings.getByRole("button", { name: "Save settings" }).click();
      await expect(settings.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
      await settings.getByRole("button", { name: "Close" }).click();
      await expect(editor.body.getByRole("separator", { name: "Paywall break. Below: paid members only." })).toBeVisible();
      await expect(editor.body.getByRole("alert")).toHaveCount(0);
    });

    await editor.publish(creator.handle);
    const response = await reader.goto(address);
    expect(response?.status()).toBe(200);
    await expect(reader.getByRole("article")).toContainText("Flour, water, salt.");
    expect(await response!.text()).not.toContain(secret);
  } finally {
    await visitor.close();
  }
});

test("removing the break from the publish step lets a public post go out as it is", async ({ page, users, posts, login, editor }) => {
  const creator = await users.createCreator();
  const post = await posts.create({
    creator,
    title: `Open studio ${uniqueToken()}`,
    document: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Come by on Saturday." }] }, { type: "paywallBreak" }] },
  });
  await login(page, creator.user);
  await editor.open(post.id);

  const step = await editor.openPublishStep();
  await step.getByRole("button", { name: "Remove the break" }).click();
  await expect(step.getByText("Everyone, members or not, can read the whole post.")).toBeVisible();
  await expect(editor.body.getByRole("separator")).toHaveCount(0);
  await step.getByRole("button", { name: "Publish now" }).click();
  await expect(editor.publishedNotice).toContainText(`/${creator.handle}/posts/${post.slug}`);
});
