// The signed-in half of the dataset: a paid tier and a post gated to paid members, a fan who pays,
// the editor's long drafts, and the autosave creators, each with a real Auth.js database session
// (the row a sign-in writes), so requests carry the same cookie a browser would.
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import { countWords } from "@/lib/document/text";
import type { DocumentNode, PostDocument } from "@/lib/document/validate";
import type { ServiceContext } from "@/server/services/context";
import { checkout } from "@/server/services/memberships/join";
import { setPostAccess } from "@/server/services/posts/access-settings";
import { applyPublish } from "@/server/services/posts/publish";
import { createTier, publishTier } from "@/server/services/memberships/tiers";
import { createCreator, createPost, createUser, type TestCreator } from "@/server/testing/factories";
import { benchArticle, generateArticle, PUBLISHED_AT } from "./dataset";

/** Auth.js's session cookie over plain http (`__Secure-` is added only on https). */
export const SESSION_COOKIE = "authjs.session-token";

export const GATED_TITLE = "Members Only: Pricing an Edition";
/** Only in the gated part of the gated post: a page that shows it has leaked the body. */
export const GATED_CANARY = "canary-6f1c2e9a-only-for-paid-members";
/** The blocks of the gated post above its paywall break. */
const TEASER_BLOCKS = 3;

export const AUTOSAVE_WORDS = 5_000;
export const LONG_DRAFT_WORDS = 20_000;

/** The sandbox payment provider's always-succeeding test card. */
const TEST_CARD = { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" };

/** Comfortably longer than a whole run; Auth.js only checks that the session has not expired. */
const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type Session = { userId: string; token: string; cookie: string };

/** What a sign-in leaves behind: a `sessions` row, and the cookie that names it. */
export async function createSession(db: Db, userId: string): Promise<Session> {
  const token = randomUUID();
  await db.insert(sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + SESSION_LIFETIME_MS) });
  return { userId, token, cookie: `${SESSION_COOKIE}=${token}` };
}

const as = (db: Db, userId: string, now: Date, creator?: TestCreator): ServiceContext => ({ db, viewer: { userId }, now, creator });

/** The last paragraph's text: once the editor shows it, the whole document has loaded. */
export function lastParagraphText(document: PostDocument): string {
  const last = document.content?.at(-1);
  if (last?.type !== "paragraph") throw new Error("A generated article ends with a paragraph.");
  return (last.content ?? []).map((node: DocumentNode) => node.text ?? "").join("");
}

export type GatedScenario = {
  path: string;
  /** Text from above the paywall break, which everybody sees. */
  teaserText: string;
  teaserBlocks: number;
  words: number;
  member: Session;
};

/**
 * The public article again, with a paywall break after its first blocks and a canary paragraph at
 * the end, gated to paid members; and a fan who bought the paid tier through the sandbox checkout.
 */
export async function seedGatedPost(db: Db, creator: TestCreator): Promise<GatedScenario> {
  const ctx = as(db, creator.userId, PUBLISHED_AT, creator);
  const tier = await publishTier(
    ctx,
    (await createTier(ctx, { name: "Supporter", description: "Every post, in full.", benefits: ["Paid posts"], monthlyPrice: 500 })).id,
  );
  const blocks = benchArticle().document.content!;
  const document: PostDocument = {
    type: "doc",
    content: [
      ...blocks.slice(0, TEASER_BLOCKS),
      { type: "paywallBreak" },
      ...blocks.slice(TEASER_BLOCKS),
      { type: "paragraph", content: [{ type: "text", text: `The end of the gated part: ${GATED_CANARY}.` }] },
    ],
  };
  const post = await createPost(db, { creator, title: GATED_TITLE, document, now: PUBLISHED_AT });
  await setPostAccess(ctx, { postId: post.id, access: "paid", teaserMode: "auto", tierIds: [], publicAt: null });
  const published = await applyPublish(db, post, PUBLISHED_AT, creator.userId);
  if (!published) throw new Error("The gated post was not published.");

  // The membership starts now, so its paid period is current while the benchmark runs.
  const fan = await createUser(db, { email: "member@bench.atelier.test", name: "Bench Member" });
  await checkout(as(db, fan.id, new Date()), { tierId: tier.id, idempotencyKey: "bench-member-checkout", card: TEST_CARD });
  const teaser = blocks[0]!;
  return {
    path: `/${creator.handle}/posts/${published.slug}`,
    // The first text node only: a longer run could cross a bold or link tag in the HTML.
    teaserText: (teaser.content?.[0]?.text ?? "").slice(0, 40),
    teaserBlocks: TEASER_BLOCKS,
    words: countWords(document),
    member: await createSession(db, fan.id),
  };
}

export type EditorDraft = { id: string; words: number; lastParagraph: string };

export type EditorScenario = { owner: Session; short: EditorDraft; long: EditorDraft };

/** Two drafts of the bench writer for the editor: the public article's length, and a long one. */
export async function seedEditorDrafts(db: Db, creator: TestCreator): Promise<EditorScenario> {
  const draft = async (title: string, document: PostDocument): Promise<EditorDraft> => {
    const post = await createPost(db, { creator, title, document, now: PUBLISHED_AT });
    return { id: post.id, words: countWords(document), lastParagraph: lastParagraphText(document) };
  };
  return {
    owner: await createSession(db, creator.userId),
    short: await draft("Editor draft: the usual length", benchArticle().document),
    long: await draft("Editor draft: a very long essay", generateArticle(LONG_DRAFT_WORDS, 0x5eed_2000)),
  };
}

export type AutosaveWriter = { session: Session; postId: string; version: number; title: string; document: PostDocument };

/** `count` creators, each with a session and a draft of AUTOSAVE_WORDS words of their own. */
export async function seedAutosaveWriters(db: Db, count: number): Promise<AutosaveWriter[]> {
  const writers: AutosaveWriter[] = [];
  for (let index = 0; index < count; index++) {
    const creator = await createCreator(db, { handle: `bench-saver-${index}`, displayName: `Saver ${index}`, now: PUBLISHED_AT });
    const document = generateArticle(AUTOSAVE_WORDS, 0x5a7e_0000 + index);
    const title = `Autosave draft ${index}`;
    const post = await createPost(db, { creator, title, document, now: PUBLISHED_AT });
    writers.push({ session: await createSession(db, creator.userId), postId: post.id, version: post.version, title, document });
  }
  return writers;
}
