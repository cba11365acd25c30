// The shared page cache: the pages every anonymous reader gets alike (see lib/shared-pages.ts),
// kept once and served many times, and dropped the moment something they show changes.
//
// NOTE: plain JavaScript on purpose. Next.js loads its `cacheHandler` (page-cache-handler.mjs) with
// Node's own loader at run time, outside the app's bundle, and Node 20 cannot load TypeScript. The
// app's code reaches the same store (server/cache/pages.ts) through one object on globalThis: the
// handler's copy of this module and the bundled copy are two module instances in one process.
//
// Entries are grouped by scope: everything under `/{handle}` is the creator's scope, the rest (the
// front page, explore, the sitemap) is the site's. A change to a creator's posts, tiers or profile
// invalidates their scope and the site's; an entry written before its scope's last invalidation is
// a miss, so the next reader waits for a fresh render rather than getting the old page.
// Invalidations may also be set for a time to come (an early-access post opening to everyone):
// they take effect at that time with nothing else having to happen.
//
// With REDIS_URL, entries and invalidations live in Redis and every process shares them; each
// process keeps a small copy of the entries it served, checked against Redis's invalidation times
// on every read (one round trip). Without it, all of it lives in this process's memory.
import { createHash } from "node:crypto";
import { createClient } from "redis";

const STORE = Symbol.for("atelier.pageStore");
/**
 * Keys are kept apart per database: processes on one database share pages and invalidations, and
 * two instances (or test runs) that share a Redis but not a database never see each other's pages.
 * PAGE_CACHE_NAMESPACE names the group instead, where processes reach one database by two URLs.
 */
function keyPrefix() {
  const namespace = process.env.PAGE_CACHE_NAMESPACE || createHash("sha256").update(process.env.DATABASE_URL || "embedded").digest("hex").slice(0, 16);
  return `atelier:pages:${namespace}:`;
}
/** How long Redis keeps an entry nobody asked for again; a fresh render follows. */
const ENTRY_TTL_SECONDS = 24 * 60 * 60;
/** Memory for the local copies, per process (PAGE_CACHE_MEMORY_MB). */
const DEFAULT_MEMORY_BYTES = 64 * 1024 * 1024;
/** A key looked up this long ago without being stored has been forgotten by Next (a failed render). */
const LOOKUP_MEMORY_MS = 60_000;

export const SITE_SCOPE = "site";

/** The scope of a cached address: `creator:{handle}` for anything under a handle, else the site's. */
export function scopeOfPath(path) {
  const match = /^\/([a-z0-9-]+)(?:\/|$)/.exec(path);
  if (!match || match[1] === "explore" || path.startsWith("/sitemap") || path === "/robots.txt") return SITE_SCOPE;
  return `creator:${match[1]}`;
}

/**
 * The address part of one of Next's cache keys. Next's keys are opaque, but its response keys end
 * in `/$/` and the pathname (next/dist/server/lib/incremental-cache); the internal prefix the proxy
 * rewrites anonymous requests to is not part of the address readers use.
 */
export function pathOfKey(key) {
  const marker = key.indexOf("/$/");
  const path = marker === -1 ? key : key.slice(marker + 2);
  return path.replace(/^\/_shared\/[^/]+/, "") || "/";
}

function encode(entry) {
  return JSON.stringify(entry, function replace(key, value) {
    const raw = this[key];
    if (Buffer.isBuffer(raw)) return { $buffer: raw.toString("base64") };
    if (raw instanceof Map) return { $map: [...raw] };
    return value;
  });
}

function decode(text) {
  return JSON.parse(text, (_key, value) => {
    if (value && typeof value === "object") {
      if (typeof value.$buffer === "string") return Buffer.from(value.$buffer, "base64");
      if (Array.isArray(value.$map)) return new Map(value.$map);
    }
    return value;
  });
}

/** The latest invalidation of `scope` that has taken effect by `now`, from its past and planned ones. */
function effectiveSince(invalidated, planned, now) {
  let since = invalidated ?? 0;
  for (const at of planned ?? []) if (at <= now && at > since) since = at;
  return since;
}

class Entries {
  constructor(limitBytes) {
    this.limitBytes = limitBytes;
    this.bytes = 0;
    /** Insertion order is recency: a read moves an entry to the end. */
    this.map = new Map();
  }
  get(key) {
    const item = this.map.get(key);
    if (!item) return undefined;
    this.map.delete(key);
    this.map.set(key, item);
    return item.entry;
  }
  set(key, entry, size) {
    this.delete(key);
    if (size > this.limitBytes) return;
    this.map.set(key, { entry, size });
    this.bytes += size;
    for (const [oldest, item] of this.map) {
      if (this.bytes <= this.limitBytes) break;
      this.map.delete(oldest);
      this.bytes -= item.size;
    }
  }
  delete(key) {
    const item = this.map.get(key);
    if (!item) return;
    this.map.delete(key);
    this.bytes -= item.size;
  }
  clear() {
    this.map.clear();
    this.bytes = 0;
  }
}

function entrySize(entry) {
  const value = entry.value ?? {};
  let size = 512 + (value.html?.length ?? 0) + (value.rscData?.length ?? 0) + (value.body?.length ?? 0);
  for (const segment of value.segmentData?.values() ?? []) size += segment.length;
  return size;
}

class PageStore {
  constructor({ redisUrl, memoryBytes }) {
    this.entries = new Entries(memoryBytes);
    /** scope → the time of its last invalidation (memory mode). */
    this.invalidated = new Map();
    /** scope → invalidations planned for later (memory mode). */
    this.planned = new Map();
    /** key → when it was last looked up: a render that follows a miss started after this. */
    this.lookedUp = new Map();
    this.counts = { hits: 0, misses: 0 };
    this.prefix = keyPrefix();
    this.redis = redisUrl ? createClient({ url: redisUrl }) : null;
    if (this.redis) {
      // A Redis that is down makes every read a miss (pages render per request) until it is back.
      this.redis.on("error", () => {});
      this.connecting = this.redis.connect().catch(() => null);
    }
  }

  get shared() {
    return this.redis !== null;
  }

  /** The scope's effective invalidation time; 0 when never invalidated. */
  async since(scope, now) {
    if (!this.redis) return effectiveSince(this.invalidated.get(scope), this.planned.get(scope), now);
    await this.connecting;
    const [invalidated, planned] = await this.redis
      .multi()
      .get(`${this.prefix}scope:${scope}`)
      .zRangeByScore(`${this.prefix}planned:${scope}`, 0, now)
      .execAsPipeline();
    return effectiveSince(invalidated === null ? 0 : Number(invalidated), planned?.map(Number), now);
  }

  /** A live entry for `key`, or null: Next then renders the page and stores it with `set`. */
  async get(key) {
    const now = Date.now();
    this.lookedUp.set(key, now);
    if (this.lookedUp.size > 10_000) this.forgetOldLookups(now);
    try {
      const since = await this.since(scopeOfPath(pathOfKey(key)), now);
      let entry = this.entries.get(key);
      if ((!entry || entry.lastModified <= since) && this.redis) {
        const text = await this.redis.get(`${this.prefix}entry:${key}`);
        entry = text ? decode(text) : undefined;
        if (entry) this.entries.set(key, entry, entrySize(entry));
      }
      if (!entry || entry.lastModified <= since) {
        this.counts.misses += 1;
        return null;
      }
      this.counts.hits += 1;
      return entry;
    } catch {
      // Next treats a thrown error as a failed render; a miss renders the page fresh.
      this.counts.misses += 1;
      return null;
    }
  }

  async set(key, value, cacheControl) {
    // NOTE: the render that produced `value` began after the lookup that missed; dating the entry
    // from then means a change that landed while it rendered still invalidates it.
    const lastModified = this.lookedUp.get(key) ?? Date.now();
    this.lookedUp.delete(key);
    if (value === null) return this.delete(key);
    const entry = { lastModified, value, cacheControl };
    this.entries.set(key, entry, entrySize(entry));
    if (!this.redis) return;
    try {
      await this.connecting;
      await this.redis.set(`${this.prefix}entry:${key}`, encode(entry), { EX: ENTRY_TTL_SECONDS });
    } catch {
      // Not shared this time: this process still has its copy, and others render their own.
    }
  }

  async delete(key) {
    this.entries.delete(key);
    if (this.redis) await this.redis.del(`${this.prefix}entry:${key}`).catch(() => {});
  }

  /**
   * Invalidates `scopes` now, or at `at` when given (a time to come). Every process sees it on its
   * next read. With Redis, a failure is thrown: the caller's change must not pass as published.
   */
  async invalidate(scopes, at) {
    const now = Date.now();
    const when = at ? at.getTime() : now;
    if (!this.redis) {
      for (const scope of scopes) {
        if (when <= now) this.invalidated.set(scope, Math.max(this.invalidated.get(scope) ?? 0, now));
        else this.planned.set(scope, [...(this.planned.get(scope) ?? []).filter((time) => time > now), when]);
      }
      return;
    }
    await this.connecting;
    const batch = this.redis.multi();
    for (const scope of scopes) {
      if (when <= now) batch.set(`${this.prefix}scope:${scope}`, String(now));
      else {
        batch.zAdd(`${this.prefix}planned:${scope}`, { score: when, value: String(when) });
        batch.zRemRangeByScore(`${this.prefix}planned:${scope}`, 0, now - ENTRY_TTL_SECONDS * 1000);
      }
    }
    await batch.exec();
  }

  forgetOldLookups(now) {
    for (const [key, at] of this.lookedUp) if (now - at > LOOKUP_MEMORY_MS) this.lookedUp.delete(key);
  }

  /** Drops every local copy (tests, and a restart in all but name). */
  clearLocal() {
    this.entries.clear();
    this.invalidated.clear();
    this.planned.clear();
  }
}

/** The process's one page store, created by whichever of the handler or the app asks first. */
export function pageStore() {
  const existing = globalThis[STORE];
  if (existing) return existing;
  const megabytes = Number(process.env.PAGE_CACHE_MEMORY_MB);
  const store = new PageStore({
    redisUrl: process.env.REDIS_URL || null,
    memoryBytes: Number.isFinite(megabytes) && megabytes > 0 ? megabytes * 1024 * 1024 : DEFAULT_MEMORY_BYTES,
  });
  globalThis[STORE] = store;
  return store;
}
