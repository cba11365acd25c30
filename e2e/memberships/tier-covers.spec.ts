// Tier covers on the join page, at phone and desktop widths, and the pages around a paid join that
// do not depend on Stripe being reachable: the sandbox form is the default, a return from Stripe
// waits for the membership and shows it once it exists, and a cancelled payment says so.
import type { Page } from "@playwright/test";
import sharp from "sharp";
import type { TestCreator, TestTier, TestUser } from "@/server/testing/factories";
import { expect, test as base } from "../support/fixtures";
import { uploadImage } from "../support/media";

type World = {
  creator: TestCreator & { user: TestUser };
  patron: TestTier;
  coverId: string;
  draftCoverId: string;
};

/** A landscape picture with a clear gradient, so a blank or broken cover is easy to spot. */
function landscape(from: string, to: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600"><defs><linearGradient id="g"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs><rect width="1200" height="600" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const test = base.extend<{ world: World }>({
  world: async ({ browser, users, login, tiers }, use) => {
    const creator = await users.createCreator({ displayName: "Marta Prints" });
    // Covers are uploaded as the creator would, through the media route.
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, creator.user);
    const coverId = await uploadImage(page, "patron.png", await landscape("#1f4e79", "#e3a857"));
    const draftCoverId = await uploadImage(page, "draft.png", await landscape("#333333", "#999999"));
    await context.close();

    await tiers.create({ creator, name: "Friends", monthlyPrice: 0, benefits: ["Members posts"] });
    const patron = await tiers.create({
      creator,
      name: "Patron",
      monthlyPrice: 900,
      annualPrice: 9000,
      description: "A **signed print** every season, and every post first.\n\n- [About the prints](https://prints.example/about)\n- [not a link](javascript:alert`1`)",
      benefits: ["Everything in Friends", "Quarterly signed print"],
      coverMediaId: coverId,
    });
    await tiers.create({ creator, name: "Secret draft", monthlyPrice: 100, coverMediaId: draftCoverId, status: "draft" });
    await use({ creator, patron, coverId, draftCoverId });
  },
});

async function expectCoverShown(page: Page, world: World) {
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Patron" }) });
  const cover = card.locator(`img[src^="/api/media/${world.coverId}"]`);
  await expect(cover).toBeVisible();
  // Loaded, not a broken image: the media route serves a published tier's cover to anyone.
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const box = await cover.boundingBox();
  const cardBox = await card.boundingBox();
  // Edge to edge across the top of its card, in a wide format.
  expect(box && cardBox && Math.round(box.width)).toBe(cardBox && Math.round(cardBox.width - 2));
  expect(box && box.width / box.height).toBeCloseTo(2, 1);
}

test("the join page shows a tier's cover to anyone, at phone and desktop widths", async ({ page, world }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/${world.creator.handle}/join`);
  await expect(page.getByRole("heading", { name: "Join Marta Prints" })).toBeVisible();
  await expectCoverShown(page, world);
  // Tiers without a cover keep their plain card; the draft tier is not listed at all.
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Friends" }) }).locator("img")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Secret draft" })).toHaveCount(0);
  // The description's formatting, with the refused address left as plain words.
  const patronCard = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Patron" }) });
  await expect(patronCard.locator("strong", { hasText: "signed print" })).toBeVisible();
  await expect(patronCard.getByRole("link", { name: "About the prints" })).toHaveAttribute("href", "https://prints.example/about");
  await expect(patronCard.getByText("not a link", { exact: true })).toBeVisible();
  await expect(patronCard.getByRole("link", { name: "not a link" })).toHaveCount(0);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expectCoverShown(page, world);

  const anonymous = page.context().request;
  expect((await anonymous.get(`/api/media/${world.coverId}?w=960`)).headers()["cache-control"]).toBe("public, max-age=600");
  expect((await anonymous.get(`/api/media/${world.draftCoverId}`)).status()).toBe(404);
});

test("without Stripe configured, a paid join offers the sandbox card form and its cover", async ({ page, login, users, world }) => {
  await login(page, await users.create());
  await page.goto(`/${world.creator.handle}/join/${world.patron.id}`);
  await expect(page.getByRole("heading", { name: "Join Patron" })).toBeVisible();
  await expect(page.locator(`img[src^="/api/media/${world.coverId}"]`)).toBeVisible();
  await expect(page.getByLabel("Card number")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Continue to pay/ })).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
});

test("a fan back from Stripe sees the payment being confirmed, then the membership", async ({ page, login, users, memberships, world }) => {
  const fan = await users.create();
  await login(page, fan);
  const membershipId = crypto.randomUUID();
  await page.goto(`/${world.creator.handle}/join/${world.patron.id}/confirm?membership=${membershipId}&next=/${world.creator.handle}`);
  await expect(page.getByRole("heading", { name: "Confirming your payment" })).toBeVisible();
  await expect(page.getByText("Checking with Stripe…")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });

  // Stripe's signed webhook starts the membership; the waiting page picks it up.
  await memberships.createWithStripe({ tier: world.patron, user: fan, interval: "year", id: membershipId });
  await expect(page.getByRole("heading", { name: "Welcome to Patron" })).toBeVisible();
  await expect(page.getByText("Your payment is confirmed: you are a member of Marta Prints.")).toBeVisible();
  await expect(page.getByText("$90 / year")).toBeVisible();
  await page.getByRole("link", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(`/${world.creator.handle}`);
});

test("a fan who leaves Stripe's page without paying is told nothing was taken", async ({ page, login, users, world }) => {
  await login(page, await users.create());
  await page.goto(`/${world.creator.handle}/join/${world.patron.id}?checkout=cancelled`);
  await expect(page.getByRole("status").filter({ hasText: "No money was taken and you have not joined yet" })).toBeVisible();
});
