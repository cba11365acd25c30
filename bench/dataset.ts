// The benchmark's dataset: articles of a chosen length as Tiptap documents, generated from fixed seeds
// so every run measures byte-for-byte the same pages (the ~1,500-word article is the public post),
// and the seeding of the public post into a bench database.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { renderDocumentHtml } from "@/lib/document/render";
import { countWords } from "@/lib/document/text";
import type { DocumentMark, DocumentNode, PostDocument } from "@/lib/document/validate";
import { seededRandom } from "@/lib/seeded-random";
import { createCreator, createPost, createUser, type TestCreator } from "@/server/testing/factories";

export const ARTICLE_TITLE = "On Finishing Things: Notes from a Small Print Studio";
export const TARGET_WORDS = 1_500;
export const BENCH_HANDLE = "bench-writer";
/** Where the baseline app reads the article at build time (gitignored: it is regenerated each run). */
export const BASELINE_ARTICLE_PATH = path.resolve(import.meta.dirname, "baseline/article.generated.json");

const SEED = 0x5eed_1500;
// Fixed so the post page shows the same date (and so the same bytes) on every run.
export const PUBLISHED_AT = new Date(Date.UTC(2026, 0, 15, 9, 30));


const NOUNS = [
  "press", "plate", "studio", "paper", "ink", "edition", "proof", "block", "brayer", "margin",
  "gutter", "signature", "spine", "stitch", "fold", "registration", "layer", "colour", "line", "texture",
  "workshop", "reader", "draft", "sketch", "pattern", "grain", "roller", "sheet", "deadline", "habit",
  "afternoon", "mistake", "routine", "shelf", "drawer", "letter", "type", "page", "cover", "zine",
];
const ADJECTIVES = [
  "quiet", "heavy", "uneven", "careful", "small", "patient", "stubborn", "worn", "early", "late",
  "honest", "rough", "clean", "second", "first", "narrow", "generous", "slow", "unfinished", "familiar",
];
const VERBS = [
  "carries", "shapes", "softens", "rewards", "hides", "teaches", "tests", "marks", "holds", "slows",
  "sharpens", "changes", "keeps", "asks for", "remembers", "forgives", "shows", "frames", "repeats", "settles",
];
const ADVERBS = ["slowly", "again", "quietly", "finally", "rarely", "always", "often", "carefully", "barely", "gladly"];
const OPENERS = [
  "Most days", "In the end", "By the third proof", "Sooner or later", "For a long time", "On good mornings",
  "Every winter", "Looking back", "Without fail", "More than once",
];
const HEADINGS = [
  "Why unfinished work piles up",
  "The cost of one more proof",
  "Keeping a studio log",
  "What the press teaches",
  "Deadlines that help",
  "Shipping the edition",
];

type Rand = () => number;

const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const between = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

function sentence(rand: Rand): string {
  const parts = [
    `${pick(rand, OPENERS)}, the ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)} ${pick(rand, VERBS)} the ${pick(rand, NOUNS)}`,
  ];
  for (let clause = between(rand, 0, 2); clause > 0; clause--) {
    const adjective = pick(rand, ADJECTIVES);
    const article = /^[aeiou]/.test(adjective) ? "an" : "a";
    parts.push(`and ${article} ${adjective} ${pick(rand, NOUNS)} ${pick(rand, VERBS)} it ${pick(rand, ADVERBS)}`);
  }
  return `${parts.join(" ")}.`;
}

const text = (value: string, marks?: DocumentMark[]): DocumentNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };

/** A paragraph of whole sentences; about one in three carries a bold, italic or linked phrase. */
function paragraph(rand: Rand, sentences: number): DocumentNode {
  const content: DocumentNode[] = [];
  let plain = "";
  for (let i = 0; i < sentences; i++) {
    const words = sentence(rand).split(" ");
    const roll = rand();
    if (roll < 0.33 && words.length > 6) {
      // Mark a two-word phrase in the middle of the sentence.
      const at = between(rand, 2, words.length - 3);
      const mark: DocumentMark =
        roll < 0.11
          ? { type: "bold" }
          : roll < 0.22
            ? { type: "italic" }
            : { type: "link", attrs: { href: `https://example.com/notes/${at}` } };
      content.push(text(`${plain}${words.slice(0, at).join(" ")} `));
      content.push(text(words.slice(at, at + 2).join(" "), [mark]));
      plain = ` ${words.slice(at + 2).join(" ")} `;
    } else {
      plain += `${words.join(" ")} `;
    }
  }
  content.push(text(plain.trimEnd()));
  return { type: "paragraph", content: content.filter((node) => node.text !== "") };
}

function list(rand: Rand, type: "bulletList" | "orderedList", items: number): DocumentNode {
  return {
    type,
    content: Array.from({ length: items }, () => ({ type: "listItem", content: [paragraph(rand, 1)] })),
  };
}

const heading = (level: 2 | 3, title: string): DocumentNode => ({
  type: "heading",
  attrs: { level },
  content: [text(title)],
});

/**
 * Six sections under h2 headings, one with h3 subsections, a bulleted and a numbered list and a
 * two-paragraph quote; paragraphs are added until the article reaches `targetWords`. It always
 * ends with a paragraph, whose text tells when a loaded editor shows the whole document.
 */
export function generateArticle(targetWords = TARGET_WORDS, seed = SEED): PostDocument {
  const rand = seededRandom(seed);
  const doc: PostDocument = { type: "doc", content: [paragraph(rand, 3)] };
  const blocks = doc.content!;
  const perSection = targetWords / HEADINGS.length;
  HEADINGS.forEach((title, index) => {
    blocks.push(heading(2, title));
    if (index === 1) blocks.push(list(rand, "bulletList", 5));
    if (index === 2) blocks.push({ type: "blockquote", content: [paragraph(rand, 2), paragraph(rand, 1)] });
    if (index === 3) blocks.push(heading(3, "Before the run"));
    if (index === 4) blocks.push(list(rand, "orderedList", 4));
    // Fill the section up to its share of the word budget, a paragraph at a time.
    for (let n = 0; countWords(doc) < perSection * (index + 1); n++) {
      if (index === 3 && n === 2) blocks.push(heading(3, "After the run"));
      blocks.push(paragraph(rand, between(rand, 2, 4)));
    }
  });
  return doc;
}

export type BenchArticle = { title: string; document: PostDocument; html: string; words: number };

let article: BenchArticle | undefined;

/** The article, generated once per process; identical in every process and every run. */
export function benchArticle(): BenchArticle {
  if (!article) {
    const document = generateArticle();
    article = { title: ARTICLE_TITLE, document, html: renderDocumentHtml(document), words: countWords(document) };
  }
  return article;
}

/** Writes what the baseline app renders: the same title and the same HTML the app stores. */
export function writeBaselineArticle(file = BASELINE_ARTICLE_PATH): void {
  const { title, html, words } = benchArticle();
  fs.writeFileSync(file, `${JSON.stringify({ title, html, words }, null, 2)}\n`);
}

export type SeededPost = { creator: TestCreator; handle: string; slug: string; path: string; html: string; wordCount: number };

/** Seeds an empty, migrated database with one creator and the article, published. */
export async function seedBenchDatabase(db: Db): Promise<SeededPost> {
  const { title, document } = benchArticle();
  const user = await createUser(db, { email: "writer@bench.atelier.test", name: "Bench Writer" });
  const creator = await createCreator(db, {
    user,
    handle: BENCH_HANDLE,
    displayName: "Bench Writer",
    tagline: "Long essays, for load tests",
    now: PUBLISHED_AT,
  });
  const post = await createPost(db, { creator, title, document, publish: true, now: PUBLISHED_AT });
  return {
    creator,
    handle: creator.handle,
    slug: post.slug,
    path: `/${creator.handle}/posts/${post.slug}`,
    html: post.html,
    wordCount: post.wordCount,
  };
}
