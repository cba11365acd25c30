// The demo: two creators with posts of several shapes (one a draft, one members-only) and a fan.
// Built with the same factories as the tests; content and dates are fixed, so every fresh demo
// looks the same.
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { createCreator, createPost, createUser } from "../testing/factories";
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

function person(db: Db, index: 0 | 1 | 2) {
  const { email, name } = DEMO_ACCOUNTS.people[index];
  return createUser(db, { email, name, password: DEMO_ACCOUNTS.password });
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
  await createPost(db, { creator: mara, ...demoPosts.essay, publish: true, now: day(3) });
  await createPost(db, { creator: mara, ...demoPosts.note, publish: true, now: day(10) });
  await createPost(db, { creator: mara, ...demoPosts.members, access: "members", publish: true, now: day(12) });
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

  await person(db, 2);
}

/** Seeds only a database with no users, so it never touches someone's real data. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemo(db);
  return true;
}
