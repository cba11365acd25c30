// Ninety days of a creator's life for the demo's dashboards: readers arriving from search, social
// sites, emails and Atelier itself, some of them joining (free or paid, credited to the post they
// came from), some cancelling, renewals falling due. All of it goes through the code real traffic
// takes: beacons through the ingest buffer, joins and cancellations through the membership
// services, renewals through the renewal job's function, then one rollup. A fixed random seed, so
// every fresh demo looks alike.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { seededRandom } from "@/lib/seeded-random";
import { posts } from "@/db/schema";
import { flushEvents, acceptBeacon, writeEventsTo } from "../services/analytics/ingest";
import { rollUpAnalytics } from "../services/analytics/rollup";
import { cancelMembership } from "../services/memberships/change";
import { checkout, joinFree } from "../services/memberships/join";
import { renewDueMemberships } from "../services/memberships/renewals";
import { createUser, type TestCreator } from "../testing/factories";

const DAYS = 90;
const DAY_MS = 86_400_000;
const TEST_CARD = { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" };

const BROWSERS = [
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
];

/** Where readers come from, and how often (weights). `?` marks a query the page address carries. */
const ARRIVALS: { weight: number; referrer: string; query?: string }[] = [
  { weight: 30, referrer: "" },
  { weight: 22, referrer: "https://www.google.com/" },
  { weight: 4, referrer: "https://duckduckgo.com/" },
  { weight: 10, referrer: "https://t.co/x1" },
  { weight: 6, referrer: "https://bsky.app/profile/someone" },
  { weight: 5, referrer: "https://news.ycombinator.com/item?id=1" },
  { weight: 8, referrer: "", query: "src=email" },
  { weight: 6, referrer: "{site}/explore" },
  { weight: 3, referrer: "{site}/search?q=print" },
  { weight: 3, referrer: "https://printmakers-weekly.example/issue-12" },
  { weight: 3, referrer: "", query: "utm_source=newsletter&utm_campaign=autumn-zine-fair" },
];

const FIRST_NAMES = ["Ada", "Bruno", "Chiara", "Dev", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kaja", "Luca", "Mei", "Nils", "Olga", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Vera", "Wen", "Yara"];


type Tiers = { reader: { id: string }; supporter: { id: string }; patron: { id: string } };

export async function seedDemoTraffic(db: Db, options: { creator: TestCreator; tiers: Tiers; site: string; now: Date }): Promise<void> {
  const { creator, tiers, site, now } = options;
  // A fixed seed: the same demo every time.
  const next = seededRandom(20261201);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const arrival = () => {
    let roll = next() * ARRIVALS.reduce((sum, a) => sum + a.weight, 0);
    for (const a of ARRIVALS) if ((roll -= a.weight) < 0) return a;
    return ARRIVALS[0]!;
  };
  const published = await db
    .select({ id: posts.id, slug: posts.slug, publishedAt: posts.publishedAt })
    .from(posts)
    .where(and(eq(posts.creatorId, creator.id), eq(posts.status, "published"), isNull(posts.deletedAt)));
  writeEventsTo(db);

  const start = now.getTime() - (DAYS - 1) * DAY_MS;
  const members: { userId: string; paid: boolean }[] = [];
  let fans = 0;
  for (let d = 0; d < DAYS; d++) {
    const dayStart = new Date(start + d * DAY_MS);
    dayStart.setUTCHours(0, 0, 0, 0);
    const live = published.filter((p) => p.publishedAt && p.publishedAt.getTime() <= dayStart.getTime() + DAY_MS);
    // Growth over the quarter, a quieter weekend, and a surge in the days after each new post.
    const weekday = dayStart.getUTCDay();
    const surge = live.filter((p) => {
      const age = (dayStart.getTime() - p.publishedAt!.getTime()) / DAY_MS;
      return age >= -1 && age < 3;
    }).length;
    const readers = Math.round(0.6 * (25 + d * 0.9) * (weekday === 0 || weekday === 6 ? 0.7 : 1) * (1 + surge * 1.5) * (0.8 + next() * 0.4));
    for (let r = 0; r < readers; r++) {
      const at = new Date(dayStart.getTime() + Math.floor(next() * DAY_MS));
      if (at > now) continue;
      const from = arrival();
      const headers = new Headers({ "user-agent": pick(BROWSERS) });
      const address = `198.51.${100 + (r % 50)}.${Math.floor(next() * 250) + 1}`;
      const post = live.length > 0 && next() < 0.8 ? pick(live) : null;
      const page = `${site}/${creator.handle}${post ? `/posts/${post.slug}` : ""}${from.query ? `?${from.query}` : ""}`;
      const beacon = { c: creator.id, p: post?.id ?? "", u: page, r: from.referrer.replace("{site}", site) };
      acceptBeacon(headers, address, { k: "view", ...beacon }, at);
      if (post && next() < 0.55) acceptBeacon(headers, address, { k: "engaged", ...beacon }, new Date(at.getTime() + 20_000));
      // Some go on to another post from there.
      if (live.length > 1 && next() < 0.35) {
        const onward = pick(live);
        const onwardPage = { c: creator.id, p: onward.id, u: `${site}/${creator.handle}/posts/${onward.slug}`, r: page };
        acceptBeacon(headers, address, { k: "view", ...onwardPage }, new Date(at.getTime() + 90_000));
        if (next() < 0.6) acceptBeacon(headers, address, { k: "engaged", ...onwardPage }, new Date(at.getTime() + 120_000));
      }
      // A few readers of a post go on to join, free more often than paid.
      if (post && next() < 0.012) {
        const fan = await createUser(db, { email: `reader${++fans}@demo.atelier.test`, name: `${pick(FIRST_NAMES)} ${String.fromCharCode(65 + (fans % 26))}.` });
        const ctx = { db, viewer: { userId: fan.id }, now: new Date(at.getTime() + 60_000) };
        const paid = next() < 0.4;
        if (paid) {
          const tier = next() < 0.75 ? tiers.supporter : tiers.patron;
          await checkout(ctx, { tierId: tier.id, idempotencyKey: `demo-traffic-checkout-${fans}`, card: TEST_CARD, attributedPostId: post.id });
        } else {
          await joinFree(ctx, { tierId: tiers.reader.id, attributedPostId: post.id });
        }
        members.push({ userId: fan.id, paid });
      }
    }
    // Now and then a member leaves.
    if (members.length > 3 && next() < 0.12) {
      const leaving = members.splice(Math.floor(next() * members.length), 1)[0]!;
      const ctx = { db, viewer: { userId: leaving.userId }, now: new Date(dayStart.getTime() + 15 * 3_600_000) };
      const [membership] = await db.query.memberships.findMany({ where: (m, { eq: is }) => is(m.userId, leaving.userId) });
      if (membership) await cancelMembership(ctx, { membershipId: membership.id });
    }
    // The renewal job's day: periods that ended renew, cancelled ones end.
    await renewDueMemberships(db, new Date(Math.min(dayStart.getTime() + DAY_MS - 1, now.getTime())));
    await flushEvents();
  }
  await flushEvents();
  await rollUpAnalytics(db);
}
