// Where analytics events come in. Browser beacons (a page view, an engaged read) are checked,
// classified and buffered in memory, then written in one statement per batch: the ingest route
// does no database work of its own and never slows a page. Server events (a join, an email sent)
// are written where they happen, in the same transaction as what they record.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { type Db, getDb } from "@/db/client";
import { analyticsEvents } from "@/db/schema";
import { siteOrigin } from "../../http/site-origin";
import { log } from "../../observability/log";
import { recordAnalyticsWrite, recordBeacon } from "../../observability/metrics";
import { declinesTracking, isBot, isPrefetch, sourceOf } from "./classify";
import { saltOf, visitorHash } from "./visitor";

/** What the beacon sends: short keys, it goes with every page view. */
export const beaconInput = z.object({
  /** view, or engaged: the body was on screen for 10 s or read to its end. */
  k: z.enum(["view", "engaged"]),
  /** The creator whose page it is. */
  c: z.string().min(1).max(64),
  /** The post, on a post's page. */
  p: z.string().max(64).optional().default(""),
  /** The page's own address (for campaign tags and our `src`). */
  u: z.string().max(2048),
  /** document.referrer: only its domain is kept. */
  r: z.string().max(2048).optional().default(""),
});

export type BeaconOutcome = "buffered" | "bot" | "declined" | "prefetch" | "overflow";

type Pending = {
  /** The creator, by id (a beacon) or by handle (a feed fetch, seen by its address only). */
  creatorId: string;
  creatorHandle: string;
  postId: string;
  kind: "view" | "engaged" | "feed_fetch";
  occurredAt: Date;
  /** Hashed at write time with the day's salt; never written, gone with the batch. */
  address: string;
  userAgent: string;
  source: string;
  referrer: string;
  campaign: string;
};

type Buffer = { pending: Pending[]; timer: ReturnType<typeof setTimeout> | null; writing: Promise<void> | null; db: () => Db; site: string };

/** Written once this many wait, or after FLUSH_AFTER_MS, whichever comes first. */
const BATCH_SIZE = 500;
const FLUSH_AFTER_MS = 1_000;
/** A database that does not answer must not grow the buffer without end. */
const MAX_PENDING = 20_000;

// NOTE: on globalThis, like the metrics: route handlers and instrumentation are separate bundles.
const globalForIngest = globalThis as unknown as { atelierAnalytics?: Buffer };

function buffer(): Buffer {
  globalForIngest.atelierAnalytics ??= { pending: [], timer: null, writing: null, db: getDb, site: siteOrigin() };
  return globalForIngest.atelierAnalytics;
}

/** Where batches are written: the app's database unless a test says otherwise. */
export function writeEventsTo(db: Db): void {
  buffer().db = () => db;
}

/**
 * Takes one beacon. Returns what became of it; only `buffered` ones are counted. Throws a ZodError
 * for a body that is not a beacon.
 */
export function acceptBeacon(headers: Headers, address: string, body: unknown, now: Date): BeaconOutcome {
  const userAgent = headers.get("user-agent");
  const outcome: BeaconOutcome = declinesTracking(headers) ? "declined" : isPrefetch(headers) ? "prefetch" : isBot(userAgent) ? "bot" : "buffered";
  const beacon = beaconInput.parse(body);
  if (outcome !== "buffered") {
    recordBeacon(outcome);
    return outcome;
  }
  const target = buffer();
  if (target.pending.length >= MAX_PENDING) {
    recordBeacon("overflow");
    return "overflow";
  }
  let pageHost = "";
  try {
    pageHost = new URL(beacon.u).hostname;
  } catch {
    // A page address that does not parse: the referrer is classified without it.
  }
  target.pending.push({
    creatorId: beacon.c,
    creatorHandle: "",
    postId: beacon.p,
    kind: beacon.k,
    occurredAt: now,
    address,
    userAgent: userAgent ?? "",
    ...sourceOf(beacon.u, beacon.r, pageHost),
  });
  recordBeacon("buffered");
  scheduleFlush(target);
  return "buffered";
}

function scheduleFlush(target: Buffer): void {
  if (target.pending.length >= BATCH_SIZE) void flushEvents();
  else target.timer ??= setTimeout(() => void flushEvents(), FLUSH_AFTER_MS).unref();
}

/**
 * A creator's public feed was fetched (feed readers poll it; the page cache answers). Counted
 * by the creator's handle, whoever fetched it: feed readers are machines by nature.
 */
export function noteFeedFetch(handle: string, now: Date): void {
  const target = buffer();
  if (target.pending.length >= MAX_PENDING) return;
  target.pending.push({ creatorId: "", creatorHandle: handle, postId: "", kind: "feed_fetch", occurredAt: now, address: "", userAgent: "", source: "feed", referrer: "", campaign: "" });
  scheduleFlush(target);
}

/**
 * Writes what is buffered, in batches, and resolves when it is written (or dropped: a batch that
 * fails is logged and counted, never retried into a growing pile). Events for a creator or post
 * that does not exist, or a post that is not published, are left out by the statement itself.
 */
export async function flushEvents(): Promise<void> {
  const target = buffer();
  if (target.timer) clearTimeout(target.timer);
  target.timer = null;
  while (target.writing) await target.writing;
  if (target.pending.length === 0) return;
  const batch = target.pending.splice(0, BATCH_SIZE);
  target.writing = writeBatch(target.db(), target.site, batch).finally(() => {
    target.writing = null;
  });
  await target.writing;
  if (target.pending.length > 0) await flushEvents();
}

async function writeBatch(db: Db, site: string, batch: Pending[]): Promise<void> {
  try {
    const rows = await Promise.all(
      batch.map(async (event) => ({
        creator_id: event.creatorId,
        creator_handle: event.creatorHandle,
        post_id: event.postId,
        kind: event.kind,
        occurred_at: event.occurredAt.toISOString(),
        visitor: event.address ? visitorHash(await saltOf(db, event.occurredAt), event.address, event.userAgent, site) : "",
        source: event.source,
        referrer: event.referrer,
        campaign: event.campaign,
      })),
    );
    await db.execute(sql`
      insert into ${analyticsEvents} (creator_id, post_id, kind, occurred_at, visitor, source, referrer, campaign)
      select c.id, v.post_id, v.kind::analytics_event_kind, v.occurred_at, v.visitor, v.source, v.referrer, v.campaign
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(creator_id text, creator_handle text, post_id text, kind text, occurred_at timestamptz, visitor text, source text, referrer text, campaign text)
      join creators c on c.id = v.creator_id or c.handle = v.creator_handle
      where v.post_id = '' or exists (
        select 1 from posts p where p.id = v.post_id and p.creator_id = c.id and p.status = 'published' and p.deleted_at is null)`);
    recordAnalyticsWrite("written", batch.length);
  } catch (error) {
    recordAnalyticsWrite("dropped", batch.length);
    log.error({ err: error, events: batch.length }, "could not write a batch of analytics events; they are not counted");
  }
}

export type ServerEvent = {
  creatorId: string;
  kind: "email_sent" | "email_click" | "feed_fetch" | "joined_free" | "joined_paid" | "upgraded" | "downgraded" | "cancelled" | "expired" | "renewed" | "payment_failed";
  postId?: string | null;
  tierId?: string | null;
  /** Change in monthly recurring revenue, minor units. */
  mrrDelta?: number;
  source?: string;
  occurredAt: Date;
};

type Writer = Pick<Db, "insert">;

/** Writes server events now, in the caller's transaction when it passes one. */
export async function recordEvents(db: Writer, events: readonly ServerEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(analyticsEvents).values(
    events.map((event) => ({
      creatorId: event.creatorId,
      kind: event.kind,
      postId: event.postId ?? "",
      tierId: event.tierId ?? "",
      mrrDelta: event.mrrDelta ?? 0,
      source: event.source ?? "direct",
      occurredAt: event.occurredAt,
    })),
  );
}

/** What a membership at `price` per `interval` adds to monthly recurring revenue. */
export function monthlyValue(price: number, interval: "month" | "year"): number {
  return interval === "year" ? Math.round(price / 12) : price;
}
