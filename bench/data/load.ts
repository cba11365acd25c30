// Loads the large dataset into a freshly migrated database in plain SQL: every row is made by
// PostgreSQL from generate_series and a few deterministic hash rolls, so nothing crosses the wire
// but the statements and the post templates. Indexes and keys are dropped for the load and built
// again after it (one sort per index instead of ten million insertions; foreign keys checked once
// per table instead of once per row), exactly as the migrations defined them.
import type postgres from "postgres";
import { MEMBERSHIPS_PER_FAN, TAGS_PER_CREATOR, type Sizes } from "./sizes";
import { TEMPLATES_PER_KIND, type Template } from "./templates";

type Sql = postgres.Sql;
export type Log = (message: string) => void;

/** The tables the generator fills; their indexes and keys are rebuilt after the load. */
const LOADED_TABLES = ["users", "creators", "tiers", "posts", "post_tiers", "tags", "post_tags", "memberships", "payments"];

/** The creator whose library, archive and audience are measured: creator number 1. */
export const STUDIO_HANDLE = "bench-studio";
export const STUDIO_EMAIL = "creator-1@bench.atelier.test";
/** Every generated account signs in with this password. */
export const DATASET_PASSWORD = "bench-dataset-password";

/** Extra posts of the studio creator that are not published: drafts, scheduled, archived, trashed. */
const STUDIO_UNPUBLISHED = 300;

const ADJECTIVES = [
  "quiet", "heavy", "uneven", "careful", "small", "patient", "stubborn", "worn", "early", "late",
  "honest", "rough", "clean", "second", "narrow", "generous", "slow", "unfinished", "familiar", "bright",
];
const NOUNS = [
  "press", "plate", "studio", "paper", "ink", "edition", "proof", "block", "margin", "signature",
  "stitch", "fold", "layer", "colour", "line", "texture", "workshop", "sketch", "pattern", "zine",
];
const TAGS = ["Process", "Studio notes", "Editions", "Behind the scenes", "Tutorials"];
const TIERS = [
  { name: "Friends", monthly: 0, annual: null, benefits: ["Members-only posts"] },
  { name: "Supporter", monthly: 500, annual: 5000, benefits: ["Members-only posts", "Paid posts"] },
  { name: "Patron", monthly: 1500, annual: 15000, benefits: ["Every post", "Early access", "A print each year"] },
];

/** Rows per statement: small enough to report progress, large enough to cost nothing extra. */
const BATCH = 250_000;

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * Session-lifetime helpers (pg_temp: gone with the connection, nothing left in the schema):
 * `roll` a deterministic number in [0, modulo) per row and salt, `uid` an id shaped like the app's
 * UUIDv7 ids and, like them, increasing in creation order.
 */
async function createHelpers(sql: Sql, sizes: Sizes): Promise<void> {
  await sql.unsafe(`
    create function pg_temp.roll(n bigint, salt int, modulo bigint) returns bigint
      language sql immutable parallel safe
      as $$ select (hashint8extended(n, salt) & 9223372036854775807) % modulo $$`);
  await sql.unsafe(`
    create function pg_temp.uid(kind int, n bigint) returns text
      language sql immutable parallel safe
      as $$ select '0195' || lpad(to_hex(kind), 4, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0') $$`);
  // Published post j belongs to the studio creator up to studioPosts, then to creators 2..C with
  // a long tail: u² puts a few creators at thousands of posts and many at a handful.
  await sql.unsafe(`
    create function pg_temp.post_creator(j bigint) returns bigint
      language sql immutable parallel safe
      as $$ select case when j <= ${sizes.studioPosts} then 1
        else 2 + floor(${sizes.creators - 1} * power(pg_temp.roll(j, 3, 1000000) / 1000000.0, 2))::bigint end $$`);
}

type SavedDefinitions = { keys: string[]; indexes: string[]; foreignKeys: string[] };

/** Drops every index, key and foreign key on the loaded tables, returning how to make them again. */
async function dropIndexesAndKeys(sql: Sql): Promise<SavedDefinitions> {
  const foreignKeys = await sql<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where contype = 'f' and (conrelid::regclass::text = any(${LOADED_TABLES}) or confrelid::regclass::text = any(${LOADED_TABLES}))`;
  const keys = await sql<{ table: string; name: string; definition: string }[]>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where contype in ('p', 'u') and conrelid::regclass::text = any(${LOADED_TABLES})`;
  const indexes = await sql<{ name: string; definition: string }[]>`
    select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition
    from pg_index
    where indrelid::regclass::text = any(${LOADED_TABLES})
      and not exists (select 1 from pg_constraint where conindid = indexrelid)`;
  for (const fk of foreignKeys) await sql.unsafe(`alter table ${fk.table} drop constraint "${fk.name}"`);
  for (const index of indexes) await sql.unsafe(`drop index ${index.name}`);
  for (const key of keys) await sql.unsafe(`alter table ${key.table} drop constraint "${key.name}"`);
  const constraint = (c: { table: string; name: string; definition: string }) =>
    `alter table ${c.table} add constraint "${c.name}" ${c.definition}`;
  return {
    keys: keys.map(constraint),
    indexes: indexes.map((index) => index.definition),
    foreignKeys: foreignKeys.map(constraint),
  };
}

async function restore(sql: Sql, saved: SavedDefinitions, log: Log): Promise<void> {
  const all = [...saved.keys, ...saved.indexes, ...saved.foreignKeys];
  for (const [index, statement] of all.entries()) {
    const started = performance.now();
    await sql.unsafe(statement);
    const what = statement.replace(/\s+/g, " ").slice(0, 110);
    log(`  [${index + 1}/${all.length}] ${what} (${seconds(started)})`);
  }
}

/** Runs `insert(from, to)` over 1..total in batches, reporting progress. */
async function inBatches(log: Log, what: string, total: number, insert: (from: number, to: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  for (let from = 1; from <= total; from += BATCH) {
    const to = Math.min(total, from + BATCH - 1);
    await insert(from, to);
    log(`  ${what}: ${count(to)} / ${count(total)} (${seconds(started)})`);
  }
}

async function loadTemplates(sql: Sql, templates: Template[]): Promise<void> {
  await sql`
    create temporary table post_templates (
      n int primary key, document jsonb, html text, excerpt text, plain_text text,
      word_count int, kind text, teaser_html text, teaser_text text)`;
  // Public templates are 0..K-1, gated ones K..2K-1.
  const column = <T>(pick: (t: Template, n: number) => T) => templates.map((t, n) => pick(t, n));
  await sql`
    insert into post_templates
    select * from unnest(${column((_, n) => n)}::int[], ${column((t) => JSON.stringify(t.document))}::text[]::jsonb[],
      ${column((t) => t.html)}::text[], ${column((t) => t.excerpt)}::text[], ${column((t) => t.plainText)}::text[],
      ${column((t) => t.wordCount)}::int[], ${column((t) => t.kind)}::text[], ${column((t) => t.teaserHtml)}::text[],
      ${column((t) => t.teaserText)}::text[])`;
}

export type LoadOptions = { sizes: Sizes; templates: Template[]; passwordHash: string; now: Date; log: Log };

export async function loadDataset(sql: Sql, options: LoadOptions): Promise<void> {
  const { sizes, templates, passwordHash, log } = options;
  const now = options.now.toISOString();
  const C = sizes.creators;
  const F = sizes.fans;
  const P = sizes.publishedPosts;
  const K = TEMPLATES_PER_KIND;
  const started = performance.now();

  await sql`set synchronous_commit = off`;
  await sql`set maintenance_work_mem = '1GB'`;
  await sql`set work_mem = '256MB'`;
  await createHelpers(sql, sizes);
  await loadTemplates(sql, templates);

  log("dropping indexes and keys for the load");
  const saved = await dropIndexesAndKeys(sql);

  log(`users: ${count(C)} creators' and ${count(F)} fans'`);
  await inBatches(log, "users", C + F, (from, to) => sql`
    insert into users (id, name, email, password_hash, created_at)
    select pg_temp.uid(1, n),
      case when n <= ${C} then initcap((${ADJECTIVES}::text[])[1 + pg_temp.roll(n, 1, ${ADJECTIVES.length})])
        || ' ' || initcap((${NOUNS}::text[])[1 + pg_temp.roll(n, 2, ${NOUNS.length})]) else 'Fan ' || (n - ${C}) end,
      case when n <= ${C} then 'creator-' || n else 'fan-' || (n - ${C}) end || '@bench.atelier.test',
      ${passwordHash},
      ${now}::timestamptz - make_interval(days => 30 + pg_temp.roll(n, 4, 1100)::int)
    from generate_series(${from}::bigint, ${to}::bigint) n`);

  log(`creators: ${count(C)}, three tiers each`);
  await inBatches(log, "creators", C, (from, to) => sql`
    insert into creators (id, user_id, handle, display_name, tagline, about, currency, default_access, created_at, updated_at)
    select pg_temp.uid(2, c), pg_temp.uid(1, c),
      case when c = 1 then ${STUDIO_HANDLE} else 'maker-' || c end,
      case when c = 1 then 'Bench Studio' else u.name || ' Studio' end,
      'Prints, zines and notes from a ' || (${ADJECTIVES}::text[])[1 + pg_temp.roll(c, 5, ${ADJECTIVES.length})] || ' workshop',
      'I make ' || (${NOUNS}::text[])[1 + pg_temp.roll(c, 6, ${NOUNS.length})] || ' work by hand and write about how it is made.'
        || E'\n\nMembers get every post, and patrons a print each year.',
      'USD', 'public', u.created_at, u.created_at + interval '1 day'
    from generate_series(${from}::bigint, ${to}::bigint) c join users u on u.id = pg_temp.uid(1, c)`);
  await inBatches(log, "tiers", C, (from, to) => sql`
    insert into tiers (id, creator_id, name, description, benefits, monthly_price, annual_price, currency, position, status, created_at, updated_at)
    select pg_temp.uid(3, 3 * (c - 1) + t + 1), pg_temp.uid(2, c), (${TIERS.map((t) => t.name)}::text[])[t + 1],
      'Support the studio.', (${TIERS.map((t) => JSON.stringify(t.benefits))}::jsonb[])[t + 1],
      (${TIERS.map((t) => t.monthly)}::int[])[t + 1], (${TIERS.map((t) => t.annual)}::int[])[t + 1],
      'USD', t, 'published', ${now}::timestamptz - interval '3 years', ${now}::timestamptz - interval '3 years'
    from generate_series(${from}::bigint, ${to}::bigint) c cross join generate_series(0, 2) t`);

  // Published posts: 70 % public, the rest members, paid, tiers (the Patron tier) or early access
  // (open to everyone two weeks after publishing). Spread over three years.
  log(`published posts: ${count(P)} (${count(sizes.studioPosts)} by ${STUDIO_HANDLE})`);
  await inBatches(log, "published posts", P, (from, to) => sql`
    insert into posts (id, creator_id, kind, title, slug, status, access, public_at, document, html, teaser_mode, preview_text,
      teaser_html, teaser_text, excerpt, plain_text, word_count, version, published_at, created_at, updated_at)
    select pg_temp.uid(4, j), pg_temp.uid(2, pg_temp.post_creator(j)), t.kind, p.title,
      regexp_replace(lower(p.title), '[^a-z0-9]+', '-', 'g'), 'published', p.access,
      case when p.access = 'early_access' then p.published_at + interval '14 days' end,
      t.document, t.html, 'auto', '', t.teaser_html, t.teaser_text, t.excerpt, t.plain_text, t.word_count, 2,
      p.published_at, p.published_at - interval '1 hour', p.published_at
    from generate_series(${from}::bigint, ${to}::bigint) j
    cross join lateral (select
      initcap((${ADJECTIVES}::text[])[1 + pg_temp.roll(j, 7, ${ADJECTIVES.length})]) || ' '
        || (${NOUNS}::text[])[1 + pg_temp.roll(j, 8, ${NOUNS.length})] || ', no. ' || j as title,
      (case
        when pg_temp.roll(j, 9, 100) < 70 then 'public'
        when pg_temp.roll(j, 9, 100) < 80 then 'members'
        when pg_temp.roll(j, 9, 100) < 90 then 'paid'
        when pg_temp.roll(j, 9, 100) < 95 then 'tiers'
        else 'early_access' end)::post_access as access,
      ${now}::timestamptz - make_interval(secs => pg_temp.roll(j, 10, 94608000000) / 1000.0 + 60) as published_at) p
    join post_templates t on t.n = pg_temp.roll(j, 11, ${K}) + case when p.access = 'public' then 0 else ${K} end`);

  // What a library also holds: drafts, scheduled, archived and trashed posts (the first ones the
  // studio creator's, the rest anyone's).
  const others = sizes.otherPosts + STUDIO_UNPUBLISHED;
  log(`unpublished posts: ${count(others)}`);
  await inBatches(log, "unpublished posts", others, (from, to) => sql`
    insert into posts (id, creator_id, kind, title, slug, status, access, document, html, teaser_mode, preview_text,
      teaser_html, teaser_text, excerpt, plain_text, word_count, version, scheduled_at, published_at, deleted_at, created_at, updated_at)
    select pg_temp.uid(4, ${P} + k), pg_temp.uid(2, s.creator), t.kind, s.title,
      lower(replace(s.title, ' ', '-')), s.status, 'public', t.document, t.html, 'auto', '', t.teaser_html, t.teaser_text,
      t.excerpt, t.plain_text, t.word_count, 3,
      case when s.status = 'scheduled' then ${now}::timestamptz + make_interval(days => 1 + pg_temp.roll(k, 12, 60)::int) end,
      case when s.status in ('archived', 'published') then s.edited - interval '30 days' end,
      case when s.trashed then ${now}::timestamptz - make_interval(days => pg_temp.roll(k, 13, 25)::int, hours => 1) end,
      s.edited - interval '2 days', s.edited
    from generate_series(${from}::bigint, ${to}::bigint) k
    cross join lateral (select
      case when k <= ${STUDIO_UNPUBLISHED} then 1 else 2 + pg_temp.roll(k, 14, ${C - 1}) end as creator,
      'Working title ' || k as title,
      (case when pg_temp.roll(k, 15, 100) < 60 then 'draft' when pg_temp.roll(k, 15, 100) < 70 then 'scheduled'
        when pg_temp.roll(k, 15, 100) < 85 then 'archived' else 'published' end)::post_status as status,
      pg_temp.roll(k, 15, 100) >= 85 as trashed,
      ${now}::timestamptz - make_interval(mins => 5 + pg_temp.roll(k, 16, 500000)::int) as edited) s
    join post_templates t on t.n = pg_temp.roll(k, 17, ${K})`);

  log("post tiers, tags and post tags");
  let step = performance.now();
  await sql`
    insert into post_tiers (post_id, tier_id)
    select p.id, t.id from posts p join tiers t on t.creator_id = p.creator_id and t.position = 2
    where p.access in ('tiers', 'early_access')`;
  log(`  post tiers (${seconds(step)})`);
  step = performance.now();
  await sql`
    insert into tags (id, creator_id, name, slug, created_at)
    select pg_temp.uid(5, ${TAGS_PER_CREATOR} * (c - 1) + g + 1), pg_temp.uid(2, c), (${TAGS}::text[])[g + 1],
      lower(replace((${TAGS}::text[])[g + 1], ' ', '-')), ${now}::timestamptz - interval '3 years'
    from generate_series(1, ${C}::bigint) c cross join generate_series(0, ${TAGS_PER_CREATOR - 1}) g`;
  log(`  tags (${seconds(step)})`);
  // One tag per published post, a second on three in ten.
  await inBatches(log, "post tags", P, (from, to) => sql`
    insert into post_tags (post_id, tag_id)
    select pg_temp.uid(4, j), pg_temp.uid(5, ${TAGS_PER_CREATOR} * (pg_temp.post_creator(j) - 1) + g + 1)
    from generate_series(${from}::bigint, ${to}::bigint) j
    cross join lateral (
      select pg_temp.roll(j, 18, ${TAGS_PER_CREATOR}) as g
      union all
      select (pg_temp.roll(j, 18, ${TAGS_PER_CREATOR}) + 1) % ${TAGS_PER_CREATOR} where pg_temp.roll(j, 19, 10) < 3) tag`);

  // Membership n: fan f's k-th (creators 2..C, ten different ones each), then the studio creator's
  // audience. 60 % free; 88 % active, 5 % cancelling, 4 % expired, 3 % past due (paid only).
  const regular = F * MEMBERSHIPS_PER_FAN;
  // Ten different creators per fan: k × spread (k < 10) stays below C - 1, so no two collide.
  const spread = Math.floor((C - 1) / MEMBERSHIPS_PER_FAN);
  log(`memberships: ${count(sizes.memberships)} (${count(sizes.studioMembers)} of ${STUDIO_HANDLE})`);
  await inBatches(log, "memberships", sizes.memberships, (from, to) => sql`
    insert into memberships (id, user_id, creator_id, tier_id, status, price, currency, "interval", current_period_end,
      provider, started_at, ended_at, updated_at)
    select pg_temp.uid(6, n), pg_temp.uid(1, ${C} + m.fan), pg_temp.uid(2, m.creator),
      pg_temp.uid(3, 3 * (m.creator - 1) + m.tier + 1), m.status,
      (array[0, 500, 1500])[m.tier + 1], 'USD', 'month',
      case when m.tier = 0 then null
        when m.status = 'past_due' then ${now}::timestamptz - interval '1 day'
        when m.status = 'expired' then m.started + interval '1 month'
        else ${now}::timestamptz + make_interval(days => 1 + pg_temp.roll(n, 20, 29)::int) end,
      'sandbox', m.started,
      case when m.status = 'expired' then m.started + interval '1 month' end,
      m.started
    from generate_series(${from}::bigint, ${to}::bigint) n
    cross join lateral (select
      case when n <= ${regular} then (n - 1) / ${MEMBERSHIPS_PER_FAN} + 1 else n - ${regular} end as fan,
      case when n <= ${regular}
        then 2 + (((n - 1) / ${MEMBERSHIPS_PER_FAN} + 1) * 7919 + ((n - 1) % ${MEMBERSHIPS_PER_FAN}) * ${spread}) % ${C - 1}
        else 1 end as creator,
      case when pg_temp.roll(n, 21, 100) < 60 then 0 when pg_temp.roll(n, 21, 100) < 90 then 1 else 2 end as tier,
      ${now}::timestamptz - make_interval(days => 40 + pg_temp.roll(n, 22, 700)::int, secs => pg_temp.roll(n, 23, 86400)) as started) b
    cross join lateral (select b.*, (case
        when pg_temp.roll(n, 24, 100) < 88 then 'active'
        when pg_temp.roll(n, 24, 100) < 93 then case when b.tier = 0 then 'active' else 'cancelling' end
        when pg_temp.roll(n, 24, 100) < 97 then 'expired'
        else case when b.tier = 0 then 'active' else 'past_due' end end)::membership_status as status) m`);

  // The ledger: the first charge of every paid membership.
  step = performance.now();
  await sql`
    insert into payments (id, idempotency_key, user_id, creator_id, tier_id, membership_id, amount, currency, status, provider, created_at)
    select overlay(id placing '0007' from 5 for 4), 'bench-' || id, user_id, creator_id, tier_id, id, price, currency,
      'succeeded', 'sandbox', started_at
    from memberships where price > 0`;
  log(`  payments (${seconds(step)})`);

  log("building indexes and keys");
  await restore(sql, saved, log);
  step = performance.now();
  await sql.unsafe(`vacuum (analyze) ${LOADED_TABLES.join(", ")}`);
  log(`vacuum and analyze (${seconds(step)})`);
  log(`loaded in ${seconds(started)}`);
}
