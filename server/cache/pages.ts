// What the app tells the page cache (page-store.mjs): a creator's public pages changed. Services
// call it after their change is committed, so the render that follows reads the new state; a
// render already under way when the change lands is dated from before it and does not survive.
import "server-only";
import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators } from "@/db/schema";
import { pageStore, SITE_SCOPE } from "./page-store.mjs";

export type PageChange = {
  /** Handles whose pages changed besides the creator's current one (a handle given up). */
  handles?: readonly string[];
  /** A further change at a time to come, with nothing to trigger it (an early-access post opening). */
  alsoAt?: Date | null;
};

/**
 * Every cached page of these creators, and the site's lists (front page, explore, sitemap), are
 * rendered afresh on their next request. Cheap: nothing is rendered until someone asks.
 */
export async function creatorPagesChanged(db: Db, creatorIds: string | readonly string[], change: PageChange = {}): Promise<void> {
  const ids = typeof creatorIds === "string" ? [creatorIds] : [...new Set(creatorIds)];
  const rows = ids.length === 0 ? [] : await db.select({ handle: creators.handle }).from(creators).where(inArray(creators.id, ids));
  const handles = new Set([...rows.map((row) => row.handle), ...(change.handles ?? [])]);
  const scopes = [...[...handles].map((handle) => `creator:${handle}`), SITE_SCOPE];
  const store = pageStore();
  await store.invalidate(scopes);
  if (change.alsoAt && change.alsoAt.getTime() > Date.now()) await store.invalidate(scopes, change.alsoAt);
}

/** The pages of the creator with `handle` (a page not yet there, or one given up). */
export async function handlePagesChanged(handles: readonly string[]): Promise<void> {
  await pageStore().invalidate([...handles.map((handle) => `creator:${handle}`), SITE_SCOPE]);
}

