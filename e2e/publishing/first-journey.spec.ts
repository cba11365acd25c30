// A new creator's first visit, all through the UI: sign up (finishing from the emailed link), set
// up a page, write and publish a post; then a reader without JavaScript gets the whole post in the
// server-rendered HTML.
import { desc, eq } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import { expect, test, uniqueEmail, uniqueToken } from "../support/fixtures";

test("a new creator signs up, writes, publishes, and a reader without JavaScript reads it", async ({
  page,
  browser,
  baseURL,
  editor,
  db,
}) => {
  const token = uniqueToken();
  const displayName = `E2E Writer ${token}`;
  const handle = `e2e-writer-${token}`;
  const title = `Notes from the workshop ${token}`;
  const email = uniqueEmail("journey");

  await test.step("sign up", async () => {
    await page.goto("/login?mode=signup");
    await expect(page.getByRole("tab", { name: "Create account" })).toHaveAttribute("aria-selected", "true");
    await page.getByLabel("Name", { exact: true }).fill("Mara Writer");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("a long and lovely passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status")).toContainText("you'll receive a link");
  });

  await test.step("finish from the emailed link", async () => {
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
    const link = /https?:\/\/\S+\/login\/finish\?\S+/.exec(mail?.text ?? "")?.[0];
    expect(link, "a sign-up link in the newest mail").toBeTruthy();
    const { pathname, search } = new URL(link!);
    await page.goto(`${pathname}${search}`);
    await page.getByRole("button", { name: "Create my account" }).click();
    await expect(page).toHaveURL(/\/studio$/);
  });

  await test.step("set up the creator page", async () => {
    await expect(page.getByRole("heading", { name: "Set up your creator page" })).toBeVisible();
    await page.getByLabel("Display name").fill(displayName);
    // The handle follows the display name until edited, and its availability is checked live.
    await expect(page.getByLabel("Handle")).toHaveValue(handle);
    await expect(page.getByText(`@${handle} is available.`)).toBeVisible();
    await page.getByLabel("Tagline").fill("Small essays about making things");
    await page.getByRole("button", { name: "Create my page" }).click();
    await expect(page).toHaveURL(/\/studio\/posts$/);
    await expect(page.getByText("Write your first post")).toBeVisible();
  });

  await test.step("write a post with a bold word and a heading", async () => {
    await page.getByRole("link", { name: "New post" }).click();
    await expect(page).toHaveURL(/\/studio\/posts\/new$/);
    await editor.title.fill(title);

    const { body, toolbar } = editor;
    await body.click();
    await page.keyboard.type("Every piece starts with ");
    await page.keyboard.press("ControlOrMeta+b");
    await page.keyboard.type("patience");
    await page.keyboard.press("ControlOrMeta+b");
    await page.keyboard.type(" and a sharp pencil.");
    await page.keyboard.press("Enter");
    await toolbar.getByRole("button", { name: "Heading 2" }).click();
    await page.keyboard.type("What I learned");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Measure twice, cut once.");

    await expect(body.locator("strong")).toHaveText("patience");
    await expect(body.locator("h2")).toHaveText("What I learned");
  });

  await test.step("save the draft", async () => {
    await editor.save();
    // The first save gives the post its own address in the studio.
    await expect(page).toHaveURL(/\/studio\/posts\/[0-9a-f-]{36}$/);
  });

  let postPath = "";
  await test.step("publish and view the post", async () => {
    postPath = await editor.publish(handle);
    expect(postPath).toMatch(new RegExp(`^/${handle}/posts/[a-z0-9-]+$`));
    await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);

    await page.getByRole("link", { name: "View post" }).click();
    await expect(page).toHaveURL(postPath);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  });

  await test.step("a reader without JavaScript or cookies gets the post in the HTML", async () => {
    const reader = await browser.newContext({ baseURL, javaScriptEnabled: false });
    try {
      const readerPage = await reader.newPage();
      const response = await readerPage.goto(postPath);
      expect(response?.status()).toBe(200);
      const html = await response!.text();
      expect(html).toContain(title);
      expect(html).toContain("<strong>patience</strong>");
      expect(html).toMatch(/<h2[^>]*>What I learned<\/h2>/);
      expect(html).toContain("Measure twice, cut once.");

      const article = readerPage.getByRole("article");
      await expect(article.getByRole("heading", { level: 1, name: title })).toBeVisible();
      await expect(article.locator("strong")).toHaveText("patience");
      await expect(article.getByRole("heading", { level: 2, name: "What I learned" })).toBeVisible();
      await expect(article).toContainText("Every piece starts with patience and a sharp pencil.");

      const creatorPage = await readerPage.goto(`/${handle}`);
      expect(creatorPage?.status()).toBe(200);
      await expect(readerPage.getByRole("heading", { level: 1, name: displayName })).toBeVisible();
      await expect(readerPage.getByRole("link", { name: title })).toHaveAttribute("href", postPath);
    } finally {
      await reader.close();
    }
  });
});
