// New-post emails end to end: a creator publishes a members post in the studio, the member's email
// lands in the outbox (read from the database: /dev/outbox does not exist in production), its
// unsubscribe link works in the browser without signing in, and the memberships page shows it.
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { emailOptOuts, mailOutbox } from "@/db/schema";
import { docWithPaywall } from "@/server/testing/documents";
import { expect, test } from "../support/fixtures";

test("a member gets the new post by email and unsubscribes from its link", async ({ page, browser, users, posts, tiers, memberships, db, login, editor }) => {
  const creator = await users.createCreator({ displayName: "Noor Ceramics" });
  const friends = await tiers.create({ creator, name: "Friends", monthlyPrice: 0 });
  const fan = await users.create({ name: "Fan Reader" });
  await memberships.create({ tier: friends, user: fan });
  const secret = `glaze-notes-${randomUUID()}`;
  const draft = await posts.create({
    creator,
    title: "Kiln diary: the celadon batch",
    access: "members",
    document: docWithPaywall("Opening the kiln this morning.", `For members: ${secret}`),
  });

  await test.step("the creator publishes the members post", async () => {
    await login(page, creator.user);
    await editor.open(draft.id);
    await editor.publish(creator.handle);
  });

  let unsubscribePath = "";
  await test.step("the member's email arrives with the whole post", async () => {
    const mailTo = () => db.select().from(mailOutbox).where(eq(mailOutbox.to, fan.email)).orderBy(desc(mailOutbox.createdAt));
    await expect.poll(async () => (await mailTo()).length, { timeout: 30_000 }).toBe(1);
    const [mail] = await mailTo();
    expect(mail!.subject).toContain("Kiln diary: the celadon batch");
    expect(mail!.html).toContain(secret);
    expect(mail!.text).toContain(secret);
    expect(mail!.headers?.["List-Unsubscribe"]).toMatch(/^<https?:\/\/.+\/api\/unsubscribe\/.+>$/);
    const link = /https?:\/\/\S+\/account\/unsubscribe\/\S+/.exec(mail!.text)?.[0];
    expect(link, "an unsubscribe link in the text part").toBeTruthy();
    unsubscribePath = new URL(link!).pathname;
  });

  const fanContext = await browser.newContext();
  const fanPage = await fanContext.newPage();
  try {
    await test.step("a tampered link is refused and says why", async () => {
      const tampered = `${unsubscribePath.slice(0, -3)}${unsubscribePath.endsWith("AAA") ? "BBB" : "AAA"}`;
      await fanPage.goto(tampered);
      await expect(fanPage.getByRole("heading", { name: "This link did not work" })).toBeVisible();
      await expect(fanPage.getByRole("alert").filter({ hasText: "unsubscribe link is not valid" })).toBeVisible();
      const oneClick = await fanPage.request.post(tampered.replace("/account/unsubscribe/", "/api/unsubscribe/"));
      expect(oneClick.status()).toBe(400);
      // A link mangled into a broken escape is refused the same way, not with an error page.
      await fanPage.goto("/account/unsubscribe/%25");
      await expect(fanPage.getByRole("heading", { name: "This link did not work" })).toBeVisible();
    });

    await test.step("the unsubscribe link works without signing in, on a click", async () => {
      await fanPage.goto(unsubscribePath);
      await expect(fanPage.getByRole("heading", { name: "Stop emails from Noor Ceramics?" })).toBeVisible();
      // Opening the link alone (as a mail scanner would) changes nothing.
      const optOuts = () => db.select().from(emailOptOuts).where(eq(emailOptOuts.userId, fan.id));
      expect(await optOuts()).toHaveLength(0);
      await fanPage.getByRole("button", { name: "Unsubscribe" }).click();
      await expect(fanPage.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
      expect(await optOuts()).toHaveLength(1);
      await expect(fanPage.getByText("You will no longer get an email when Noor Ceramics publishes a post.")).toBeVisible();
    });

    await test.step("the memberships page shows emails off, and they can go back on", async () => {
      await login(fanPage, fan);
      await fanPage.goto("/account/memberships");
      const card = fanPage.getByRole("region", { name: "Membership of Noor Ceramics" });
      const toggle = card.getByRole("checkbox", { name: /Email me new posts/ });
      await expect(toggle).not.toBeChecked();
      await expect(card.getByText("Emails from Noor Ceramics are off.")).toBeVisible();
      await toggle.check();
      await expect(fanPage.getByRole("status").filter({ hasText: "Emails turned on." })).toBeAttached();
      await fanPage.reload();
      await expect(fanPage.getByRole("region", { name: "Membership of Noor Ceramics" }).getByRole("checkbox", { name: /Email me new posts/ })).toBeChecked();
    });
  } finally {
    await fanContext.close();
  }
});
