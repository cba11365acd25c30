// A fan's membership journeys in the browser: join free and read a members post; meet the join
// prompt on a paid post; pay with the sandbox and read it; a declined card; cancelling keeps access
// until the period end and loses it after (the period end is moved into the past in the database).
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { docWithPaywall } from "@/server/testing/documents";
import type { TestCreator, TestPost, TestUser } from "@/server/testing/factories";
import { expect, test as base } from "../support/fixtures";

type World = {
  creator: TestCreator & { user: TestUser };
  fan: TestUser;
  membersPost: TestPost;
  paidPost: TestPost;
  membersSecret: string;
  paidSecret: string;
};

const test = base.extend<{ world: World }>({
  world: async ({ users, posts, tiers }, use) => {
    const creator = await users.createCreator({ displayName: "Ines Atelier" });
    await tiers.create({ creator, name: "Friends", monthlyPrice: 0 });
    await tiers.create({ creator, name: "Supporter", monthlyPrice: 500 });
    const membersSecret = `members-only ${randomUUID()}`;
    const paidSecret = `paid-only ${randomUUID()}`;
    const membersPost = await posts.create({
      creator,
      title: "Notes for members",
      document: docWithPaywall("A word for everyone.", membersSecret),
      access: "members",
      publish: true,
    });
    const paidPost = await posts.create({
      creator,
      title: "The supporters' essay",
      document: docWithPaywall("The opening lines.", paidSecret),
      access: "paid",
      publish: true,
    });
    const fan = await users.create({ name: "Fan Reader" });
    await use({ creator, fan, membersPost, paidPost, membersSecret, paidSecret });
  },
});

function postPath(world: World, post: TestPost) {
  return `/${world.creator.handle}/posts/${post.slug}`;
}

async function payWith(page: Page, cardNumber: string) {
  await page.getByLabel("Card number").fill(cardNumber);
  await page.getByLabel("Expiry (MM/YY)").fill("12/40");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /^Pay / }).click();
}

/** The welcome step after joining, then on to where the fan was. */
async function continueFromWelcome(page: Page, tierName: string) {
  await expect(page.getByRole("heading", { level: 1, name: `Welcome to ${tierName}` })).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
}

async function joinSupporterFromPaidPost(page: Page, world: World) {
  await page.goto(postPath(world, world.paidPost));
  await page.getByRole("link", { name: "Join Supporter" }).click();
  // Wait for the tier list, or the next click could still land on the post page's link.
  await expect(page.getByRole("heading", { name: "Join Ines Atelier" })).toBeVisible();
  await page.getByRole("link", { name: "Join Supporter" }).click();
  await expect(page.getByRole("heading", { name: "Join Supporter" })).toBeVisible();
}

test("a fan joins free and reads a members post, but meets the join prompt on a paid one", async ({ page, login, world, db }) => {
  await login(page, world.fan);
  const response = await page.goto(postPath(world, world.membersPost));
  // A page that depends on who is asking is never stored by a shared cache.
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByText("A word for everyone.")).toBeVisible();
  await expect(page.getByText("Join Friends to unlock")).toBeVisible();
  await expect(page.getByText(world.membersSecret)).toHaveCount(0);

  await page.getByRole("link", { name: "Join Friends" }).click();
  await expect(page.getByRole("heading", { name: "Join Ines Atelier" })).toBeVisible();
  await page.getByRole("button", { name: "Join Friends for free" }).click();
  await expect(page.getByRole("status")).toContainText("You are a member of Ines Atelier. We have emailed you a welcome.");
  await continueFromWelcome(page, "Friends");
  await expect(page).toHaveURL(postPath(world, world.membersPost));
  // The join is credited to the post whose Join led to it (the creator's analytics and members list show it).
  const [joined] = await db.select().from(memberships).where(eq(memberships.userId, world.fan.id));
  expect(joined!.attributedPostId).toBe(world.membersPost.id);
  await expect(page.getByText(world.membersSecret)).toBeVisible();

  await page.goto(postPath(world, world.paidPost));
  await expect(page.getByText("The opening lines.")).toBeVisible();
  await expect(page.getByText("Join Supporter to unlock")).toBeVisible();
  expect(await page.content()).not.toContain(world.paidSecret);
});

test("a fan pays with the sandbox success card and reads the paid post", async ({ page, login, world }) => {
  await login(page, world.fan);
  await joinSupporterFromPaidPost(page, world);
  await payWith(page, "4242 4242 4242 4242");
  await expect(page.getByRole("status")).toContainText("Your payment is confirmed: you are a member of Ines Atelier. We have emailed you a welcome and your receipt.");
  await continueFromWelcome(page, "Supporter");
  await expect(page).toHaveURL(postPath(world, world.paidPost));
  await expect(page.getByText(world.paidSecret)).toBeVisible();
});

test("a declined card leaves no membership and says why", async ({ page, login, world, db }) => {
  await login(page, world.fan);
  await joinSupporterFromPaidPost(page, world);
  await payWith(page, "4000 0000 0000 0002");
  await expect(page.getByRole("alert").filter({ hasText: "Your card was declined" })).toBeVisible();
  expect(await db.select().from(memberships).where(eq(memberships.userId, world.fan.id))).toHaveLength(0);
  await page.goto(postPath(world, world.paidPost));
  await expect(page.getByText("Join Supporter to unlock")).toBeVisible();
});

test("cancelling keeps access until the period end and loses it after", async ({ page, login, world, db }) => {
  await login(page, world.fan);
  await joinSupporterFromPaidPost(page, world);
  await payWith(page, "4242424242424242");
  await continueFromWelcome(page, "Supporter");
  await expect(page.getByText(world.paidSecret)).toBeVisible();

  await page.goto("/account/memberships");
  await page.getByRole("button", { name: "Cancel membership" }).click();
  // Asked first, with the date access lasts until; nothing changes until the fan says yes.
  const asked = page.getByRole("alertdialog", { name: "Cancel membership" });
  await expect(asked).toContainText("You keep access until");
  await asked.getByRole("button", { name: "Yes, cancel my membership" }).click();
  await expect(page.getByText("Your access ends on")).toBeVisible();

  // The charge is in the billing history.
  await page.getByText("Billing history (1)").click();
  await expect(page.getByRole("table", { name: "Charges for this membership, newest first" }).getByRole("row").nth(1)).toContainText("$5");

  await page.goto(postPath(world, world.paidPost));
  await expect(page.getByText(world.paidSecret)).toBeVisible();

  // The period ends: move its end into the past, then let the renewal job close it.
  await db.update(memberships).set({ currentPeriodEnd: new Date(Date.now() - 60_000) }).where(eq(memberships.userId, world.fan.id));
  await page.reload();
  await expect(page.getByText("Join Supporter to unlock")).toBeVisible();
  await expect(page.getByText(world.paidSecret)).toHaveCount(0);
  const { renewDueMemberships } = await import("@/server/services/memberships/renewals");
  await renewDueMemberships(db, new Date());
  await page.goto("/account/memberships");
  await expect(page.getByText("You have no current memberships.")).toBeVisible();
  // Ended, it is offered back.
  await expect(page.getByRole("region", { name: "Past memberships" }).getByRole("link", { name: "Rejoin Supporter" })).toBeVisible();
});
