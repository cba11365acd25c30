// Analytics on the real database, from the beacon and the server's own events through the rollup to
// the dashboards: exact figures, no address kept, days cut in the creator's time zone (clock changes
// too), a rollup that never counts an event twice, and each creator seeing their own numbers only.
// NOTE: the rollup is global (one state row), so every assertion is about this file's own creators.
import { randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { analyticsDaily, analyticsDailyVisitors, analyticsEvents, analyticsHourly, analyticsSalts, posts } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { at, card, DAY, key, membershipsOf } from "@/test/memberships";
import { createCreator, createMembership, createPost, createTier, createUser, type TestCreator } from "../../testing/factories";
import { cancelMembership } from "../memberships/change";
import { checkout, joinFree } from "../memberships/join";
import { renewDueMemberships } from "../memberships/renewals";
import { publishPost } from "../posts/editing";
import { deliverPostNotifications } from "../posts/notifications";
import { updatePostSettings } from "../posts/settings";
import { analyticsOverview, analyticsPosts, postAnalytics, setAnalyticsTimeZone, type Overview } from "./dashboard";
import { emailLinkUrl, followEmailLink } from "./email-links";
import { acceptBeacon, flushEvents, writeEventsTo } from "./ingest";
import { purgeRawEvents, rollUpAnalytics } from "./rollup";
import { purgeOldSalts } from "./visitor";

const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36";
const ADDRESS = "203.0.113.7";
const OTHER_ADDRESS = "198.51.100.23";
const ORIGIN = "https://atelier.test";
const MINUTE = 60_000;

beforeAll(() => {
  writeEventsTo(testDb());
});

// ---------------------------------------------------------------------------------------------
// Helpers

function later(instant: Date, ms: number): Date {
  return new Date(instant.getTime() + ms);
}

/** The headers a browser sends with the beacon: Chrome's unless told. */
function request(headers: Record<string, string> = {}, userAgent = CHROME): Headers {
  return new Headers({ "user-agent": userAgent, ...headers });
}

/** What the page's script sends: on the creator's page, or a post's. */
function beacon(kind: "view" | "engaged", creator: TestCreator, post?: { id: string }, referrer = "") {
  return { k: kind, c: creator.id, p: post?.id ?? "", u: `${ORIGIN}/${creator.handle}`, r: referrer };
}

async function creatorWithPost(now = new Date("2026-01-01T00:00:00Z")) {
  const creator = await createCreator(testDb(), { now });
  const post = await createPost(testDb(), { creator, title: "Studio notes", publish: true, now });
  return { creator, post };
}

async function creatorIn(timeZone: string): Promise<TestCreator> {
  const creator = await createCreator(testDb());
  expect(await setAnalyticsTimeZone(ownerAt(creator), { timeZone })).toEqual({ timeZone });
  return creator;
}

/** Page views as the beacon writes them, at chosen instants: each by a new visitor unless one is named. */
async function viewsAt(creator: { id: string }, instants: string[], options: { postId?: string; visitor?: string } = {}) {
  await testDb()
    .insert(analyticsEvents)
    .values(
      instants.map((instant) => ({
        creatorId: creator.id,
        postId: options.postId ?? "",
        kind: "view" as const,
        occurredAt: new Date(instant),
        visitor: options.visitor ?? randomUUID().replaceAll("-", ""),
      })),
    );
}

function rollUp() {
  return rollUpAnalytics(testDb());
}

function rawEventsOf(creator: { id: string }) {
  return testDb().select().from(analyticsEvents).where(eq(analyticsEvents.creatorId, creator.id)).orderBy(asc(analyticsEvents.id));
}

async function rollupsOf(creator: { id: string }) {
  const db = testDb();
  const [hourly, daily, visitors] = await Promise.all([
    db.select().from(analyticsHourly).where(eq(analyticsHourly.creatorId, creator.id)).orderBy(analyticsHourly.hour, analyticsHourly.kind, analyticsHourly.postId),
    db.select().from(analyticsDaily).where(eq(analyticsDaily.creatorId, creator.id)).orderBy(analyticsDaily.day, analyticsDaily.kind, analyticsDaily.postId),
    db.select().from(analyticsDailyVisitors).where(eq(analyticsDailyVisitors.creatorId, creator.id)).orderBy(analyticsDailyVisitors.day, analyticsDailyVisitors.postId),
  ]);
  return { hourly, daily, visitors };
}

function ownerAt(creator: TestCreator, now: Date | string = new Date()) {
  return serviceContext({ viewer: creator.user, now: new Date(now) });
}

function overviewAt(creator: TestCreator, now: Date | string, input: Parameters<typeof analyticsOverview>[1] = { range: "7d" }) {
  return analyticsOverview(ownerAt(creator, now), input);
}

/** The figures of each of `days`, each read on its own as a one-day custom range. */
async function figuresOn(creator: TestCreator, days: string[]): Promise<Record<string, Overview["current"]>> {
  const figures: Record<string, Overview["current"]> = {};
  for (const day of days) figures[day] = (await overviewAt(creator, `${day}T12:00:00Z`, { range: "custom", from: day, to: day })).current;
  return figures;
}

async function viewsOn(creator: TestCreator, days: string[]): Promise<Record<string, number>> {
  const figures = await figuresOn(creator, days);
  return Object.fromEntries(days.map((day) => [day, figures[day]!.views]));
}

const NOTHING = { visitors: 0, views: 0, engaged: 0, freeMembers: 0, paidMembers: 0, cancellations: 0, mrrChange: 0, emailsSent: 0, emailClicks: 0, feedFetches: 0 };

// ---------------------------------------------------------------------------------------------

describe("page views from the beacon", () => {
  const SEEN = new Date("2026-05-12T09:00:00Z");

  it("counts views, visitors and engaged reads on the overview, the posts list and the post", async () => {
    const { creator, post } = await creatorWithPost();
    expect(acceptBeacon(request(), ADDRESS, beacon("view", creator, post, "https://www.google.com/search?q=studio+notes"), SEEN)).toBe("buffered");
    expect(acceptBeacon(request({}, FIREFOX), OTHER_ADDRESS, beacon("view", creator, post), SEEN)).toBe("buffered");
    expect(acceptBeacon(request({}, FIREFOX), OTHER_ADDRESS, beacon("engaged", creator, post), SEEN)).toBe("buffered");
    expect(acceptBeacon(request(), ADDRESS, beacon("view", creator, post), later(SEEN, MINUTE))).toBe("buffered");
    await flushEvents();
    await rollUp();

    const now = later(SEEN, 2 * MINUTE);
    const overview = await overviewAt(creator, now);
    expect(overview.current).toEqual({ ...NOTHING, views: 3, visitors: 2, engaged: 1 });
    expect(overview.readersNow).toBe(2);
    expect(overview.sources).toEqual([
      { source: "direct", referrer: "", campaign: "", views: 2 },
      { source: "search-engine", referrer: "google.com", campaign: "", views: 1 },
    ]);
    const { posts: rows } = await analyticsPosts(ownerAt(creator, now), { range: "7d" });
    expect(rows).toMatchObject([{ id: post.id, views: 3, visitors: 2, engaged: 1, freeJoins: 0, paidJoins: 0 }]);
    expect((await postAnalytics(ownerAt(creator, now), { postId: post.id })).current).toEqual({ ...NOTHING, views: 3, visitors: 2, engaged: 1 });
  });

  it("does not count crawlers, headless browsers, readers who opted out, or prefetches", async () => {
    const { creator, post } = await creatorWithPost();
    const view = beacon("view", creator, post);
    expect(acceptBeacon(request(), ADDRESS, view, SEEN)).toBe("buffered");
    expect(acceptBeacon(request({}, GOOGLEBOT), ADDRESS, view, SEEN)).toBe("bot");
    expect(acceptBeacon(request({}, HEADLESS), ADDRESS, view, SEEN)).toBe("bot");
    expect(acceptBeacon(new Headers(), ADDRESS, view, SEEN)).toBe("bot");
    expect(acceptBeacon(request({ DNT: "1" }), OTHER_ADDRESS, view, SEEN)).toBe("declined");
    expect(acceptBeacon(request({ "Sec-GPC": "1" }), OTHER_ADDRESS, view, SEEN)).toBe("declined");
    expect(acceptBeacon(request({ "Sec-Purpose": "prefetch" }), OTHER_ADDRESS, view, SEEN)).toBe("prefetch");
    expect(acceptBeacon(request({ Purpose: "prefetch" }), OTHER_ADDRESS, view, SEEN)).toBe("prefetch");
    await flushEvents();
    await rollUp();
    expect(await rawEventsOf(creator)).toHaveLength(1);
    expect((await overviewAt(creator, SEEN)).current).toEqual({ ...NOTHING, views: 1, visitors: 1 });
  });

  it("drops, when writing, views of a draft, of a post that never was, of another creator's post and of no creator", async () => {
    const { creator, post } = await creatorWithPost();
    const draft = await createPost(testDb(), { creator });
    const other = await createCreator(testDb());
    const theirs = await createPost(testDb(), { creator: other, publish: true });
    for (const target of [draft, { id: "no-such-post" }, theirs, post]) acceptBeacon(request(), ADDRESS, beacon("view", creator, target), SEEN);
    acceptBeacon(request(), ADDRESS, { ...beacon("view", creator), c: "no-such-creator" }, SEEN);
    // One batch: the good view is written even though the others in it are not.
    await flushEvents();
    expect((await rawEventsOf(creator)).map((event) => event.postId)).toEqual([post.id]);
    expect(await rawEventsOf(other)).toEqual([]);
    expect(await rawEventsOf({ id: "no-such-creator" })).toEqual([]);
  });

  it("refuses a body that is not a beacon", async () => {
    const { creator } = await creatorWithPost();
    const accept = async (body: unknown) => acceptBeacon(request(), ADDRESS, body, SEEN);
    const unknownKind = await caught(accept({ ...beacon("view", creator), k: "click" }));
    expect(unknownKind).toBeInstanceOf(ZodError);
    expect((unknownKind as ZodError).issues[0]).toMatchObject({ path: ["k"] });
    const noPage = await caught(accept({ k: "view", c: creator.id }));
    expect(noPage).toBeInstanceOf(ZodError);
    expect((noPage as ZodError).issues[0]).toMatchObject({ path: ["u"] });
    expect(await caught(accept("view"))).toBeInstanceOf(ZodError);
  });
});

describe("visitors without addresses", () => {
  it("keeps a day's hash in place of the address: the same for one reader all day, different the next", async () => {
    const { creator, post } = await creatorWithPost();
    const morning = new Date("2026-05-20T08:00:00Z");
    const view = beacon("view", creator, post);
    acceptBeacon(request(), ADDRESS, view, morning);
    acceptBeacon(request(), ADDRESS, view, new Date("2026-05-20T22:00:00Z"));
    acceptBeacon(request({}, FIREFOX), ADDRESS, view, morning);
    acceptBeacon(request(), OTHER_ADDRESS, view, morning);
    acceptBeacon(request(), ADDRESS, view, new Date("2026-05-21T08:00:00Z"));
    await flushEvents();

    const rows = await rawEventsOf(creator);
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.visitor).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(row)).not.toContain(ADDRESS);
      expect(JSON.stringify(row)).not.toContain(OTHER_ADDRESS);
    }
    const [first, sameDay, otherBrowser, otherAddress, nextDay] = rows.map((row) => row.visitor);
    expect(sameDay).toBe(first);
    expect(new Set([first, otherBrowser, otherAddress, nextDay]).size).toBe(4);

    await rollUp();
    expect((await overviewAt(creator, "2026-05-21T12:00:00Z")).current).toMatchObject({ views: 5, visitors: 4 });
    expect(await figuresOn(creator, ["2026-05-20", "2026-05-21"])).toMatchObject({
      "2026-05-20": { views: 4, visitors: 3 },
      "2026-05-21": { views: 1, visitors: 1 },
    });
  });

  it("deletes salts older than 48 hours, and only those", async () => {
    const days = ["2000-01-01", "2000-01-02", "2000-01-03"];
    await testDb()
      .insert(analyticsSalts)
      .values([
        { day: days[0]!, salt: "a".repeat(64), createdAt: new Date("2000-01-01T00:00:00Z") },
        { day: days[1]!, salt: "b".repeat(64), createdAt: new Date("2000-01-01T06:00:00Z") },
        { day: days[2]!, salt: "c".repeat(64), createdAt: new Date("2000-01-02T00:00:00Z") },
      ]);
    // 48 hours after the second was made: it is exactly at the limit and stays.
    expect(await purgeOldSalts(testDb(), new Date("2000-01-03T06:00:00Z"))).toBe(1);
    const left = await testDb().select({ day: analyticsSalts.day }).from(analyticsSalts).where(inArray(analyticsSalts.day, days));
    expect(left.map((row) => row.day).sort()).toEqual([days[1], days[2]]);
  });
});

describe("the creator's days", () => {
  it("cuts days at midnight in the creator's time zone, not in UTC", async () => {
    const newYork = await creatorIn("America/New_York");
    const utc = await createCreator(testDb());
    for (const creator of [newYork, utc]) await viewsAt(creator, ["2026-06-15T03:30:00Z", "2026-06-15T05:30:00Z"]);
    await rollUp();
    const days = ["2026-06-14", "2026-06-15", "2026-06-16"];
    expect(await viewsOn(newYork, days)).toEqual({ "2026-06-14": 1, "2026-06-15": 1, "2026-06-16": 0 });
    expect(await viewsOn(utc, days)).toEqual({ "2026-06-14": 0, "2026-06-15": 2, "2026-06-16": 0 });
    expect((await overviewAt(newYork, "2026-06-16T12:00:00Z")).timeZone).toBe("America/New_York");
  });

  it.each([
    // 00:00 EST is 05:00Z; 23:00 EDT is 03:00Z the next day.
    ["the 23-hour day clocks go forward", "2026-03-07", "2026-03-08", "2026-03-09", ["2026-03-08T04:30:00Z", "2026-03-08T05:30:00Z", "2026-03-09T03:30:00Z", "2026-03-09T04:30:00Z"]],
    // 00:00 EDT is 04:00Z; 23:00 EST is 04:00Z the next day.
    ["the 25-hour day clocks go back", "2026-10-31", "2026-11-01", "2026-11-02", ["2026-11-01T03:30:00Z", "2026-11-01T04:30:00Z", "2026-11-02T04:30:00Z", "2026-11-02T05:30:00Z"]],
  ])("counts the first and the last hour of %s on that day, and no neighbour's", async (_, before, day, after, instants) => {
    const creator = await creatorIn("America/New_York");
    await viewsAt(creator, instants);
    await rollUp();
    expect(await viewsOn(creator, [before, day, after])).toEqual({ [before]: 1, [day]: 2, [after]: 1 });
  });

  it("refuses a time zone that is not one", async () => {
    const creator = await createCreator(testDb());
    const error = await caught(setAnalyticsTimeZone(ownerAt(creator), { timeZone: "Mars/Olympus_Mons" }));
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]?.message).toBe("Choose a time zone from the list.");
  });
});

describe("the rollup", () => {
  it("gives the same rows when it runs twice in a row", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, ["2026-04-20T10:05:00Z", "2026-04-20T10:40:00Z", "2026-04-20T13:00:00Z"]);
    await rollUp();
    const first = await rollupsOf(creator);
    await rollUp();
    expect(await rollupsOf(creator)).toEqual(first);
    expect(first.hourly.map((row) => [row.hour.toISOString(), row.events])).toEqual([
      ["2026-04-20T10:00:00.000Z", 2],
      ["2026-04-20T13:00:00.000Z", 1],
    ]);
    expect(first.daily).toMatchObject([{ day: "2026-04-20", kind: "view", events: 3 }]);
    expect(first.visitors).toEqual([{ creatorId: creator.id, day: "2026-04-20", postId: "", visitors: 3 }]);
  });

  it("counts each event once when two runs overlap", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, ["2026-04-21T10:05:00Z", "2026-04-21T10:40:00Z", "2026-04-21T13:00:00Z"]);
    const runs = await Promise.allSettled([rollUp(), rollUp()]);
    // A run that waited for the other's lock should find little left to do, not fail.
    expect(runs.map((run) => (run.status === "fulfilled" ? run.status : String(run.reason.cause ?? run.reason)))).toEqual(["fulfilled", "fulfilled"]);
    expect((await rollupsOf(creator)).daily).toMatchObject([{ day: "2026-04-21", events: 3 }]);
  });

  it("counts nothing from a run that never committed, and everything on the next", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, ["2026-04-22T10:05:00Z", "2026-04-22T10:40:00Z", "2026-04-22T13:00:00Z"]);
    const killed = new Error("The process running the rollup died before it committed.");
    const outcome = await caught(
      testDb().transaction(
        async (tx) => {
          await rollUpAnalytics(tx);
          // The run did its work; what it wrote is visible only inside its own transaction.
          expect((await tx.select().from(analyticsDaily).where(eq(analyticsDaily.creatorId, creator.id))).map((row) => row.events)).toEqual([3]);
          throw killed;
        },
        { isolationLevel: "repeatable read" },
      ),
    );
    expect(outcome).toBe(killed);
    expect(await rollupsOf(creator)).toEqual({ hourly: [], daily: [], visitors: [] });
    await rollUp();
    expect((await rollupsOf(creator)).daily).toMatchObject([{ day: "2026-04-22", events: 3 }]);
  });

  it("adds events that arrive after a run on the next one, without counting the earlier ones again", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, ["2026-04-23T09:10:00Z"], { visitor: "ana" });
    await viewsAt(creator, ["2026-04-23T09:20:00Z"], { visitor: "ben" });
    await rollUp();
    // Ana again, later the same hour, and a reader the next day.
    await viewsAt(creator, ["2026-04-23T09:50:00Z"], { visitor: "ana" });
    await viewsAt(creator, ["2026-04-24T08:00:00Z"], { visitor: "cai" });
    await rollUp();
    const { hourly, visitors } = await rollupsOf(creator);
    expect(hourly.map((row) => [row.hour.toISOString(), row.events])).toEqual([
      ["2026-04-23T09:00:00.000Z", 3],
      ["2026-04-24T08:00:00.000Z", 1],
    ]);
    expect(visitors.map((row) => [row.day, row.visitors])).toEqual([
      ["2026-04-23", 2],
      ["2026-04-24", 1],
    ]);
    expect((await overviewAt(creator, "2026-04-24T12:00:00Z")).current).toMatchObject({ views: 4, visitors: 3 });
  });

  it("deletes raw events past their keeping time once they are counted, and keeps the rest", async () => {
    const creator = await createCreator(testDb());
    const longAgo = new Date("2000-01-01T12:00:00Z");
    const lastWeek = new Date("2000-01-20T12:00:00Z");
    await testDb()
      .insert(analyticsEvents)
      .values([
        { creatorId: creator.id, kind: "view", occurredAt: longAgo, receivedAt: longAgo, visitor: "counted-long-ago" },
        // Old, but it only just arrived: the next run's look-back may still need it.
        { creatorId: creator.id, kind: "view", occurredAt: longAgo, visitor: "just-arrived" },
        { creatorId: creator.id, kind: "view", occurredAt: lastWeek, receivedAt: lastWeek, visitor: "within-keeping-time" },
      ]);
    await rollUp();
    expect(await purgeRawEvents(testDb(), new Date("2000-01-25T00:00:00Z"), 7)).toBe(1);
    expect((await rawEventsOf(creator)).map((event) => event.visitor)).toEqual(["just-arrived", "within-keeping-time"]);
  });
});

describe("joins, cancellations and revenue", () => {
  const SET_UP = new Date("2026-01-04T10:00:00Z");
  const JOINED = new Date("2026-01-05T10:00:00Z");

  async function creatorWithTiersAndPost() {
    const db = testDb();
    const { creator, post } = await creatorWithPost(SET_UP);
    const free = await createTier(db, { creator, name: "Friends", monthlyPrice: 0, now: SET_UP });
    const supporter = await createTier(db, { creator, name: "Supporter", monthlyPrice: 500, annualPrice: 5000, now: SET_UP });
    return { creator, post, free, supporter };
  }

  it("credits a free join to the post that led to it, once however often the fan clicks", async () => {
    const { creator, post, free } = await creatorWithTiersAndPost();
    const fan = await createUser(testDb());
    await joinFree(at(fan, JOINED), { tierId: free.id, attributedPostId: post.id });
    await joinFree(at(fan, JOINED), { tierId: free.id, attributedPostId: post.id });
    await rollUp();
    const overview = await overviewAt(creator, JOINED);
    expect(overview.current).toEqual({ ...NOTHING, freeMembers: 1 });
    expect(overview.joinsByPost).toEqual([{ postId: post.id, title: "Studio notes", free: 1, paid: 0 }]);
    expect((await analyticsPosts(ownerAt(creator, JOINED), { range: "7d" })).posts).toMatchObject([{ id: post.id, freeJoins: 1, paidJoins: 0 }]);
  });

  it.each([
    ["month", 500],
    // 5,000 a year is 416.67 a month.
    ["year", 417],
  ] as const)("counts a paid join by the %s once, double-submitted, and adds its monthly value to MRR", async (interval, monthly) => {
    const { creator, post, supporter } = await creatorWithTiersAndPost();
    const fan = await createUser(testDb());
    const input = { tierId: supporter.id, interval, idempotencyKey: key(), card: card(), attributedPostId: post.id };
    await Promise.all([checkout(at(fan, JOINED), input), checkout(at(fan, JOINED), input)]);
    await rollUp();
    const overview = await overviewAt(creator, JOINED);
    expect(overview.current).toEqual({ ...NOTHING, paidMembers: 1, mrrChange: monthly });
    expect(overview.joinsByPost).toEqual([{ postId: post.id, title: "Studio notes", free: 0, paid: 1 }]);
  });

  it("counts a cancellation when it is made, and takes the price off MRR when the paid period ends", async () => {
    const { creator, supporter } = await creatorWithTiersAndPost();
    const fan = await createUser(testDb());
    const { membership } = await checkout(at(fan, JOINED), { tierId: supporter.id, idempotencyKey: key(), card: card() });
    const cancelled = later(JOINED, 10 * DAY);
    await cancelMembership(at(fan, cancelled), { membershipId: membership.id });
    await cancelMembership(at(fan, cancelled), { membershipId: membership.id });
    const periodEnd = membership.currentPeriodEnd!;
    await renewDueMemberships(testDb(), periodEnd);
    expect(await membershipsOf(fan.id)).toMatchObject([{ status: "expired" }]);
    await rollUp();

    // The week of the cancellation: the member still pays, so revenue has not changed yet.
    expect((await overviewAt(creator, cancelled)).current).toEqual({ ...NOTHING, cancellations: 1 });
    // The week the paid period ended.
    expect((await overviewAt(creator, periodEnd)).current).toEqual({ ...NOTHING, mrrChange: -500 });
    const allAlong = await overviewAt(creator, periodEnd, { range: "custom", from: "2026-01-01", to: "2026-02-05" });
    expect(allAlong.current).toEqual({ ...NOTHING, paidMembers: 1, cancellations: 1, mrrChange: 0 });
  });
});

describe("whose figures", () => {
  const NOW = new Date("2026-07-01T12:00:00Z");

  it("shows a creator their own figures only, and another creator's post as missing", async () => {
    const mine = await createCreator(testDb());
    const { creator: theirs, post } = await creatorWithPost();
    await viewsAt(theirs, ["2026-07-01T11:59:00Z", "2026-06-30T08:00:00Z"], { postId: post.id });
    await rollUp();

    const theirOverview = await overviewAt(theirs, NOW);
    expect(theirOverview.current).toMatchObject({ views: 2, visitors: 2 });
    expect(theirOverview.readersNow).toBe(1);
    const myOverview = await overviewAt(mine, NOW);
    expect(myOverview.current).toEqual(NOTHING);
    expect(myOverview.readersNow).toBe(0);
    expect(myOverview.sources).toEqual([]);
    expect((await analyticsPosts(ownerAt(mine, NOW), { range: "7d" })).posts).toEqual([]);
    expect(await caught(postAnalytics(ownerAt(mine, NOW), { postId: post.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await postAnalytics(ownerAt(theirs, NOW), { postId: post.id })).current).toMatchObject({ views: 2 });
  });

  it("asks a signed-out visitor to sign in, and a reader without a creator page to set one up", async () => {
    const { post } = await creatorWithPost();
    const anonymous = serviceContext({ now: NOW });
    const reader = serviceContext({ viewer: await createUser(testDb()), now: NOW });
    for (const [ctx, code] of [
      [anonymous, "UNAUTHENTICATED"],
      [reader, "FORBIDDEN"],
    ] as const) {
      expect(await caught(analyticsOverview(ctx, { range: "7d" }))).toMatchObject({ code });
      expect(await caught(analyticsPosts(ctx, { range: "7d" }))).toMatchObject({ code });
      expect(await caught(postAnalytics(ctx, { postId: post.id }))).toMatchObject({ code });
      expect(await caught(setAnalyticsTimeZone(ctx, { timeZone: "Europe/Paris" }))).toMatchObject({ code });
    }
  });

  it("refuses a custom range without its days, or with them the wrong way round", async () => {
    const creator = await createCreator(testDb());
    const noEnd = await caught(overviewAt(creator, NOW, { range: "custom", from: "2026-06-01" }));
    expect(noEnd).toBeInstanceOf(ZodError);
    expect((noEnd as ZodError).issues[0]?.message).toBe("Choose the first and the last day.");
    const backwards = await caught(overviewAt(creator, NOW, { range: "custom", from: "2026-06-10", to: "2026-06-01" }));
    expect(backwards).toBeInstanceOf(ZodError);
    expect((backwards as ZodError).issues[0]?.message).toBe("The first day comes before the last.");
  });
});

describe("member emails and their links", () => {
  const SENT = new Date("2026-02-10T09:00:00Z");

  function tokenOf(link: string): string {
    return decodeURIComponent(link.slice(link.lastIndexOf("/") + 1));
  }

  it("counts a reader's click and sends them to the post tagged as from email; a link scanner goes there uncounted", async () => {
    const { creator, post } = await creatorWithPost();
    const token = tokenOf(emailLinkUrl(ORIGIN, post.id));
    const destination = `/${creator.handle}/posts/${post.slug}?src=email`;
    expect(await followEmailLink(testDb(), token, CHROME, SENT)).toBe(destination);
    expect(await followEmailLink(testDb(), token, GOOGLEBOT, SENT)).toBe(destination);
    expect(await followEmailLink(testDb(), token, null, SENT)).toBe(destination);
    await rollUp();
    expect((await overviewAt(creator, SENT)).current).toEqual({ ...NOTHING, emailClicks: 1 });
    expect((await analyticsPosts(ownerAt(creator, SENT), { range: "7d" })).posts).toMatchObject([{ id: post.id, emailClicks: 1 }]);
  });

  it("leads nowhere from a tampered link, another post's signature, a draft or a stranger's string", async () => {
    const { creator, post } = await creatorWithPost();
    const draft = await createPost(testDb(), { creator });
    const token = tokenOf(emailLinkUrl(ORIGIN, post.id));
    const signature = token.slice(token.lastIndexOf(".") + 1);
    const tampered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const forged of [tampered, `${draft.id}.${signature}`, tokenOf(emailLinkUrl(ORIGIN, draft.id)), post.id, "."]) {
      expect(await followEmailLink(testDb(), forged, CHROME, SENT)).toBeNull();
    }
    expect(await rawEventsOf(creator)).toEqual([]);
  });

  it("counts each member email once, however often the sending job runs", async () => {
    const db = testDb();
    const { creator } = await creatorWithPost();
    const free = await createTier(db, { creator, monthlyPrice: 0 });
    await createMembership(db, { tier: free, now: later(SENT, -DAY) });
    await createMembership(db, { tier: free, now: later(SENT, -DAY) });
    const owner = ownerAt(creator, later(SENT, -MINUTE));
    const draft = await createPost(db, { creator, title: "For members" });
    await updatePostSettings(owner, { id: draft.id, notifyMembers: true });
    const saved = await db.query.posts.findFirst({ where: eq(posts.id, draft.id) });
    await publishPost(owner, { id: draft.id, baseVersion: saved!.version });
    await deliverPostNotifications(db, draft.id, SENT);
    await deliverPostNotifications(db, draft.id, SENT);
    await rollUp();
    const { posts: rows } = await analyticsPosts(ownerAt(creator, SENT), { range: "7d" });
    expect(rows.find((row) => row.id === draft.id)).toMatchObject({ emailsSent: 2 });
    expect((await overviewAt(creator, SENT)).current).toMatchObject({ emailsSent: 2 });
  });
});

describe("the period before", () => {
  it("returns the seven days before the range's seven, separately", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, [
      "2026-02-20T09:00:00Z",
      "2026-02-20T10:00:00Z",
      // The first day of this week, and the last and first of the week before.
      "2026-02-14T00:30:00Z",
      "2026-02-13T23:30:00Z",
      "2026-02-07T00:30:00Z",
      // Older than both.
      "2026-02-06T23:30:00Z",
    ]);
    await rollUp();
    const overview = await overviewAt(creator, "2026-02-20T12:00:00Z");
    expect(overview.range).toMatchObject({ current: { from: "2026-02-14", to: "2026-02-20" }, previous: { from: "2026-02-07", to: "2026-02-13" } });
    expect(overview.current).toEqual({ ...NOTHING, views: 3, visitors: 3 });
    expect(overview.previous).toEqual({ ...NOTHING, views: 2, visitors: 2 });
  });
});

describe("the chart", () => {
  it("draws one point per day of the range, named by its day", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, ["2026-08-03T10:00:00Z", "2026-08-05T10:00:00Z", "2026-08-05T11:00:00Z"]);
    await rollUp();
    const { series } = await overviewAt(creator, "2026-08-05T12:00:00Z");
    expect(series.map((point) => [point.bucket, point.views])).toEqual([
      ["2026-07-30", 0],
      ["2026-07-31", 0],
      ["2026-08-01", 0],
      ["2026-08-02", 0],
      ["2026-08-03", 1],
      ["2026-08-04", 0],
      ["2026-08-05", 2],
    ]);
  });

  it("draws one point per month for a range longer than three months", async () => {
    const creator = await createCreator(testDb());
    await viewsAt(creator, ["2026-06-10T10:00:00Z", "2026-06-20T10:00:00Z", "2026-07-15T10:00:00Z"]);
    await rollUp();
    const { series } = await overviewAt(creator, "2026-08-31T12:00:00Z", { range: "custom", from: "2026-05-01", to: "2026-08-31" });
    expect(series.map((point) => [point.bucket, point.views, point.visitors])).toEqual([
      ["2026-05", 0, 0],
      ["2026-06", 2, 2],
      ["2026-07", 1, 1],
      ["2026-08", 0, 0],
    ]);
  });
});
