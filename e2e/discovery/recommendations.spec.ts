// Recommendations end to end: a creator recommends another from the studio with a line saying
// why; a fan finds it on the creator's page, follows it to the other creator, joins there, lands
// on the welcome step (which shows whom that creator recommends) and gets a welcome email; both
// creators see the click and the join the recommendation brought.
import { eq } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import { expect, test } from "../support/fixtures";

// The click counter leaves out headless browsers, as it does crawlers: this one says it is Chrome.
test.use({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" });

test("a recommendation brings a fan who joins, and both creators see it", async ({ page, browser, users, tiers, login, db }) => {
  // Room for the welcome email's sweep, should its job be lost.
  test.setTimeout(150_000);
  const rhea = await users.createCreator({ displayName: "Rhea Maps" });
  const sol = await users.createCreator({ displayName: "Sol Songs" });
  await tiers.create({ creator: sol, name: "Listeners", monthlyPrice: 0 });
  const friend = await users.createCreator({ displayName: "Tove Tales" });

  await login(page, rhea.user);
  await page.goto("/studio/audience");
  const recommend = page.getByRole("form", { name: "Recommend a creator" });
  await recommend.getByLabel("Creator's handle").fill(`@${sol.handle}`);
  await recommend.getByLabel("Why (one line, optional)").fill("The songs I walk to.");
  await recommend.getByRole("button", { name: "Recommend" }).click();
  const list = page.getByRole("list", { name: "Creators you recommend" });
  await expect(list.getByRole("link", { name: "Sol Songs" })).toBeVisible();
  await expect(list.getByText("0 clicks · 0 joins")).toBeVisible();
  // A handle nobody has is refused next to the field.
  await recommend.getByLabel("Creator's handle").fill("nobody-has-this-one");
  await recommend.getByRole("button", { name: "Recommend" }).click();
  await expect(recommend.getByText("No creator has the handle @nobody-has-this-one.")).toBeVisible();

  // Sol recommends someone too: the welcome step after joining Sol shows it.
  const solStudio = await browser.newPage();
  await login(solStudio, sol.user);
  await solStudio.goto("/studio/audience");
  await solStudio.getByLabel("Creator's handle").fill(friend.handle);
  await solStudio.getByRole("button", { name: "Recommend" }).click();
  await expect(solStudio.getByRole("list", { name: "Creators you recommend" }).getByRole("link", { name: "Tove Tales" })).toBeVisible();

  const fan = await users.create({ name: "Fen Reader" });
  const reader = await browser.newPage();
  await login(reader, fan);
  await reader.goto(`/${rhea.handle}`);
  const recommended = reader.getByRole("region", { name: "Rhea Maps recommends" });
  await expect(recommended.getByText("“The songs I walk to.”")).toBeVisible();
  await recommended.getByRole("link", { name: /Sol Songs/ }).click();
  await expect(reader).toHaveURL(new RegExp(`/${sol.handle}\\?src=recommendation&rec=`));
  await expect(reader.getByRole("heading", { level: 1, name: "Sol Songs" })).toBeVisible();

  await reader.getByRole("link", { name: "Join", exact: true }).click();
  await expect(reader).toHaveURL(new RegExp(`/${sol.handle}/join\\?rec=`));
  // Clicked again if the first click came before the page's script took over (joining twice is joining once).
  await expect(async () => {
    await reader.getByRole("button", { name: "Join Listeners for free" }).click();
    await expect(reader.getByRole("heading", { level: 1, name: "Welcome to Listeners" })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  await expect(reader.getByRole("status")).toContainText("You are a member of Sol Songs. We have emailed you a welcome.");
  await expect(reader.getByRole("region", { name: "Sol Songs recommends" }).getByRole("link", { name: /Tove Tales/ })).toBeVisible();
  await reader.getByRole("link", { name: "Continue" }).click();
  await expect(reader).toHaveURL(new RegExp(`/${sol.handle}$`));

  // The welcome email goes out from the job, with Sol's recommendation in it.
  // Its job runs at once; the sweep behind it, within a minute.
  await expect
    .poll(async () => (await db.select({ subject: mailOutbox.subject }).from(mailOutbox).where(eq(mailOutbox.to, fan.email)))[0]?.subject, { timeout: 70_000 })
    .toBe("Welcome to Sol Songs");
  const [mail] = await db.select({ text: mailOutbox.text }).from(mailOutbox).where(eq(mailOutbox.to, fan.email));
  expect(mail!.text).toContain("Sol Songs recommends\n- Tove Tales");

  // Both creators see the click and the join.
  await page.reload();
  await expect(page.getByRole("list", { name: "Creators you recommend" }).getByText("1 click · 1 join")).toBeVisible();
  await solStudio.reload();
  const ofSol = solStudio.getByRole("list", { name: "Creators who recommend you" });
  await expect(ofSol.getByRole("link", { name: "Rhea Maps" })).toBeVisible();
  await expect(ofSol.getByText("1 click · 1 join")).toBeVisible();
});
