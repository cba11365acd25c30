// The demo: two creators with posts at every access level (and a draft), Mara's tiers, and fans
// holding each kind of membership, and ninety days of traffic for Mara's dashboards. Built with the same factories and services as the tests;
// content and dates are fixed, so every fresh demo looks the same.
import "server-only";
import { count, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { ServiceContext } from "../services/context";
import { followCreator } from "../services/discovery/follows";
import { checkout, joinFree } from "../services/memberships/join";
import { setPostAccess } from "../services/posts/access-settings";
import { applyPublish } from "../services/posts/publish";
import { createTier, publishTier } from "../services/memberships/tiers";
import { createCreator, createPost, createUser, type TestCreator, type TestUser } from "../testing/factories";
import { siteOrigin } from "../http/site-origin";
import { demoPosts } from "./content";
import { setFeaturedPost, updateCreatorListing } from "../services/creators";
import { addRecommendation } from "../services/discovery/recommendations";
import { createCollection, setCollectionPosts } from "../services/posts/collections";
import { seedDemoTraffic } from "./traffic";

export const DEMO_ACCOUNTS = {
  password: "atelier-demo-2026",
  people: [
    { email: "mara@demo.atelier.test", name: "Mara Lindqvist", role: "creator @mara: tiers, posts at every access level, a draft" },
    { email: "theo@demo.atelier.test", name: "Theo Okafor", role: "creator @theo-sounds: podcast notes" },
    { email: "fan@demo.atelier.test", name: "Fiona Reader", role: "fan: free member of @mara" },
    { email: "supporter@demo.atelier.test", name: "Sam Supporter", role: "fan: Supporter of @mara (paid)" },
    { email: "patron@demo.atelier.test", name: "Pia Patron", role: "fan: Patron of @mara (paid, highest tier)" },
    { email: "lapsed@demo.atelier.test", name: "Lars Lapsed", role: "fan: former Supporter of @mara (expired)" },
  ],
} as const;

/** The sandbox provider's always-succeeding test card. */
const TEST_CARD = { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" };

const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 9, 30));

type Index = 0 | 1 | 2 | 3 | 4 | 5;

function person(db: Db, index: Index) {
  const { email, name } = DEMO_ACCOUNTS.people[index];
  return createUser(db, { email, name, password: DEMO_ACCOUNTS.password });
}

function as(db: Db, user: TestUser | { id: string }, now: Date, creator?: TestCreator): ServiceContext {
  return { db, viewer: { userId: user.id }, now, creator };
}

async function maraTiers(db: Db, mara: TestCreator) {
  const ctx = as(db, mara.user, day(0), mara);
  const make = async (input: Parameters<typeof createTier>[1]) => publishTier(ctx, (await createTier(ctx, input)).id);
  const reader = await make({
    name: "Reader",
    description: "Follow along: members-only notes and the monthly studio letter.",
    benefits: ["Members-only posts", "The monthly studio letter"],
    monthlyPrice: 0,
  });
  const supporter = await make({
    name: "Supporter",
    description: "Keeps the press running. Early access to every zine.",
    benefits: ["Everything in Reader", "Early access to new zines", "Pricing and process write-ups"],
    monthlyPrice: 500,
    annualPrice: 5000,
  });
  const patron = await make({
    name: "Patron",
    description: "A seat at the studio table: **studio visits**, proofs and *a signed print every season*.",
    benefits: ["Everything in Supporter", "Studio visit posts", "A signed print each season"],
    monthlyPrice: 1500,
    memberCap: 25,
  });
  return { reader, supporter, patron };
}

export async function seedDemo(db: Db): Promise<void> {
  const mara = await createCreator(db, {
    user: await person(db, 0),
    handle: "mara",
    displayName: "Mara Lindqvist",
    tagline: "Essays on making things by hand",
    about: "I write about printmaking, zines and the slow craft of finishing things. New essays every other Tuesday.",
    now: day(0),
  });
  const tiers = await maraTiers(db, mara);
  const maraCtx = as(db, mara.user, day(2), mara);
  const gated = async (
    content: { title: string; document: unknown },
    publishedOn: number,
    access: { access: "members" | "paid" | "tiers" | "early_access"; tierIds?: string[]; publicAt?: Date },
  ) => {
    const post = await createPost(db, { creator: mara, ...content, now: day(publishedOn) });
    await setPostAccess(maraCtx, { postId: post.id, teaserMode: "auto", tierIds: [], publicAt: null, ...access });
    await applyPublish(db, post, day(publishedOn), mara.userId);
  };
  const essay = await createPost(db, { creator: mara, ...demoPosts.essay, publish: true, now: day(3) });
  const note = await createPost(db, { creator: mara, ...demoPosts.note, publish: true, now: day(10) });
  await gated(demoPosts.members, 12, { access: "members" });
  await gated(demoPosts.paid, 14, { access: "paid" });
  await gated(demoPosts.patrons, 16, { access: "tiers", tierIds: [tiers.patron.id] });
  await gated(demoPosts.early, 18, { access: "early_access", tierIds: [tiers.supporter.id, tiers.patron.id], publicAt: day(60) });
  await createPost(db, { creator: mara, ...demoPosts.draft, now: day(20) });

  const theo = await createCreator(db, {
    user: await person(db, 1),
    handle: "theo-sounds",
    displayName: "Theo Okafor",
    tagline: "Field recordings and a podcast about odd rooms",
    about: "A podcast about recording music in places that were never meant for it.",
    now: day(1),
  });
  await createPost(db, { creator: theo, ...demoPosts.episode, publish: true, now: day(8) });

  // The two point readers at each other, and Mara keeps her studio notes as a series.
  await addRecommendation(maraCtx, { handle: theo.handle, reason: "The podcast I listen to while I print." });
  await addRecommendation(as(db, theo.user, day(9), theo), { handle: mara.handle, reason: "Essays that make me want to make things." });
  const series = await createCollection(maraCtx, { title: "Studio notes", description: "Short pieces from the print shop, oldest first." });
  await setCollectionPosts(maraCtx, { id: series.id, postIds: [essay.id, note.id] });
  await setFeaturedPost(maraCtx, { postId: essay.id });
  // Explore lists each under the category they chose.
  await updateCreatorListing(maraCtx, { category: "crafts", adultsOnly: false, language: "english" });
  await updateCreatorListing(as(db, theo.user, day(9), theo), { category: "podcasts", adultsOnly: false, language: "english" });

  // Memberships start when the demo is seeded (not on the fixed post dates), so paid periods are
  // current whenever someone tries the demo.
  const joined = new Date();
  const fan = await person(db, 2);
  await joinFree(as(db, fan, joined), { tierId: tiers.reader.id });
  // Following is free and needs no tiers: the reader also follows Theo, whose feed fills their home.
  await followCreator(as(db, fan, joined), { creatorId: theo.id });
  for (const [index, tier] of [[3, tiers.supporter], [4, tiers.patron], [5, tiers.supporter]] as const) {
    const user = await person(db, index);
    await checkout(as(db, user, joined), { tierId: tier.id, idempotencyKey: `demo-checkout-${user.email}`, card: TEST_CARD });
  }
  // Lars stopped paying: his membership has run out, which is how a lapsed fan looks.
  const lapsed = await db.query.users.findFirst({ where: eq(users.email, DEMO_ACCOUNTS.people[5].email) });
  await db
    .update(memberships)
    .set({ status: "expired", endedAt: joined, currentPeriodEnd: joined })
    .where(eq(memberships.userId, lapsed!.id));
  // Ninety days of readers, joins and cancellations before today, so Mara's dashboards are full.
  await seedDemoTraffic(db, { creator: mara, tiers, site: siteOrigin(), now: joined });
  // The demo's members joined before today: their welcome emails are not sent now.
  await db.update(memberships).set({ welcomedAt: sql`${memberships.startedAt}` }).where(isNull(memberships.welcomedAt));
}

/** Seeds only a database with no users, so it never touches someone's real data. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}
