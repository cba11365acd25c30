// Publish is a decision, not a click: the publish step says who can read the post (its tiers, in
// words, and how many members that is) and how many members are emailed, offers to schedule
// instead, and afterwards the editor says who was emailed and offers the link. Update says it
// emails no one.
import { docWithPaywall } from "@/server/testing/documents";
import { expect, test, uniqueToken } from "../support/fixtures";

test("the publish step names the tiers and the member counts, and the editor reports who was emailed", async ({
  page,
  context,
  baseURL,
  users,
  posts,
  tiers,
  memberships,
  login,
  editor,
}) => {
  const creator = await users.createCreator();
  const friends = await tiers.create({ creator, name: "Friends", monthlyPrice: 0 });
  const silver = await tiers.create({ creator, name: "Silver", monthlyPrice: 500 });
  const gold = await tiers.create({ creator, name: "Gold", monthlyPrice: 1500 });
  for (const tier of [friends, silver, gold]) await memberships.create({ tier });
  const post = await posts.create({
    creator,
    title: `Glaze recipes ${uniqueToken()}`,
    document: docWithPaywall("The kiln is hot.", "Cone 6, reduction."),
    access: "tiers",
    tierIds: [gold.id, silver.id],
  });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await login(page, creator.user);
  await editor.open(post.id);

  await test.step("it opens as a labelled dialog with the focus inside, and Escape closes it", async () => {
    const step = await editor.openPublishStep();
    expect(await step.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(step).toHaveCount(0);
  });

  const step = await editor.openPublishStep();
  await test.step("who can read it, in words, and how many members are emailed", async () => {
    await expect(step).toContainText("Members of Silver or Gold can read the whole post — 2 of your 3 members today.");
    await expect(step).toContainText("Everyone else sees the part above the paywall break and an invitation to join.");
    await expect(step.getByRole("checkbox", { name: "Email it to 3 members now" })).toBeChecked();
    await expect(step).toContainText("2 get the whole post; 1 gets what they can read and an invitation to join.");
  });

  await test.step("it offers to schedule instead", async () => {
    await step.getByRole("button", { name: "Schedule instead…" }).click();
    const schedule = page.getByRole("dialog", { name: "Schedule this post" });
    await expect(schedule).toBeVisible();
    await schedule.getByRole("button", { name: "Cancel" }).click();
    await expect(schedule).toBeHidden();
  });

  await test.step("publishing says who was emailed and offers the link", async () => {
    const again = await editor.openPublishStep();
    await again.getByRole("button", { name: "Publish now" }).click();
    const notice = editor.publishedNotice;
    await expect(notice).toContainText("Published — emailed 3 members");
    await expect(notice).toContainText(`/${creator.handle}/posts/${post.slug}`);
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByText("Link copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/${creator.handle}/posts/${post.slug}`);
  });

  await test.step("Update says it sends no email", async () => {
    await editor.typeAtEnd(" And a correction.");
    await editor.expectSaveStatus("saved");
    const pending = page.getByRole("status").filter({ hasText: "Unpublished changes" });
    await expect(pending).toContainText("Updating sends no email.");
    await pending.getByRole("button", { name: "Update" }).click();
    await expect(editor.publishedNotice).toContainText("Updated — no email sent");
  });
});

test("turning the email off in the publish step publishes without emailing anyone", async ({ page, users, posts, tiers, memberships, login, editor }) => {
  const creator = await users.createCreator();
  await memberships.create({ tier: await tiers.create({ creator, name: "Friends", monthlyPrice: 0 }) });
  const post = await posts.create({ creator, title: `Quiet note ${uniqueToken()}`, access: "members" });
  await login(page, creator.user);
  await editor.open(post.id);

  const step = await editor.openPublishStep();
  await expect(step).toContainText("All your members, free and paid, can read the whole post — your 1 member today.");
  await step.getByRole("checkbox", { name: "Email it to 1 member now" }).uncheck();
  await expect(step).toContainText("No one is emailed.");
  await step.getByRole("button", { name: "Publish now" }).click();
  await expect(editor.publishedNotice).toContainText("Published — no email sent");

  // The choice is the post's own setting, shown as such afterwards.
  const settings = await editor.openSettings();
  await expect(settings.getByRole("checkbox", { name: "Email members when this post is first published" })).not.toBeChecked();
});
