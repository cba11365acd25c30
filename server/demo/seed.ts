// The demo: two creators with posts of several shapes (one a draft, one members-only) and a fan.
// Deterministic content and dates, so screenshots and walkthroughs always look the same.
import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { posts, users } from "@/db/schema";
import type { ServiceContext } from "../services/context";
import { createCreatorPage } from "../services/creators";
import { createPost, publishPost, savePost } from "../services/posts";
import { registerUser } from "../services/users";
import { demoPosts } from "./content";

export const DEMO_ACCOUNTS = {
  password: "atelier-demo-2026",
  people: [
    { email: "mara@demo.atelier.test", name: "Mara Lindqvist", role: "creator: @mara (essays, a draft, a members post)" },
    { email: "theo@demo.atelier.test", name: "Theo Okafor", role: "creator: @theo-sounds (podcast notes)" },
    { email: "fan@demo.atelier.test", name: "Fiona Reader", role: "fan" },
  ],
} as const;

const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 9, 30));

async function account(db: Db, index: number) {
  const person = DEMO_ACCOUNTS.people[index]!;
  const user = await registerUser(db, { email: person.email, name: person.name, password: DEMO_ACCOUNTS.password });
  return (now: Date): ServiceContext => ({ db, viewer: { userId: user.id }, now });
}

async function post(
  as: (now: Date) => ServiceContext,
  content: { title: string; document: unknown },
  options: { publishedOn?: number; access?: "public" | "members" },
  db: Db,
) {
  const created = await createPost(as(day(options.publishedOn ?? 40)), { title: content.title, document: content.document });
  if (options.access && options.access !== "public") {
    await db.update(posts).set({ access: options.access }).where(eq(posts.id, created.id));
  }
  if (options.publishedOn !== undefined) await publishPost(as(day(options.publishedOn)), { id: created.id, baseVersion: created.version });
  return created;
}

export async function seedDemo(db: Db): Promise<void> {
  const mara = await account(db, 0);
  await createCreatorPage(mara(day(0)), {
    handle: "mara",
    displayName: "Mara Lindqvist",
    tagline: "Essays on making things by hand",
    about: "I write about printmaking, zines and the slow craft of finishing things. New essays every other Tuesday.",
  });
  await post(mara, demoPosts.essay, { publishedOn: 3 }, db);
  await post(mara, demoPosts.note, { publishedOn: 10 }, db);
  await post(mara, demoPosts.members, { publishedOn: 12, access: "members" }, db);
  const draft = await post(mara, demoPosts.draft, {}, db);
  await savePost(mara(day(20)), { id: draft.id, baseVersion: draft.version, title: draft.title, document: draft.document });

  const theo = await account(db, 1);
  await createCreatorPage(theo(day(1)), {
    handle: "theo-sounds",
    displayName: "Theo Okafor",
    tagline: "Field recordings and a podcast about odd rooms",
    about: "A podcast about recording music in places that were never meant for it.",
  });
  await post(theo, demoPosts.episode, { publishedOn: 8 }, db);

  await account(db, 2);
}

/** Seeds only a database with no users, so it never touches someone's real data. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}
