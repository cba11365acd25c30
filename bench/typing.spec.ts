// `flock /tmp/e2e.lock npx playwright test --config bench/typing.config.ts`: typing in the editor,
// measured (see typing.ts) on the e2e server's production build, in drafts of the public article's
// length and of a very long essay. Prints the figures; fails only if the editor cannot be driven.
import { measureTyping, type TypingFigures } from "./typing";
import { countWords } from "@/lib/document/text";
import { test } from "../e2e/support/fixtures";

const CHARACTERS = Number(process.env.BENCH_TYPING_CHARACTERS ?? 100);
const RUNS = Number(process.env.BENCH_TYPING_RUNS ?? 3);

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function line(figures: TypingFigures): string {
  const { perCharacter: c, untilSaved: s } = figures;
  return (
    `${figures.draftWords} words, ${figures.characters} characters × ${figures.runs.length} runs — per character: ` +
    `${round(c.renders)} component renders, ${round(c.commits)} commits, ${round(c.documentStringifies)} document JSON.stringify, ` +
    `${round(c.storageWrites)} localStorage writes, ${round(c.scriptMs)} ms script, ${round(c.wallMs)} ms wall; ` +
    `until saved: ${s.renders} renders, ${s.commits} commits, ${s.documentStringifies} document JSON.stringify`
  );
}

// The sizes and seeds of the bench's two editor drafts (scenarios.ts).
for (const [name, words, seed] of [
  ["usual length", 1_500, 0x5eed_1500],
  ["very long essay", 20_000, 0x5eed_2000],
] as const) {
  test(`typing in a draft of ${name}`, async ({ browser, baseURL, users, posts, login }) => {
    test.setTimeout(600_000);
    // In the worker, which loads server modules (the dataset seeds through the factories); the runner does not.
    const { generateArticle } = await import("./dataset");
    const creator = await users.createCreator();
    const document = generateArticle(words, seed);
    const post = await posts.create({ creator, title: `Typing: ${name}`, document });
    const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
    try {
      await login(await context.newPage(), creator.user);
      const figures = await measureTyping(
        context,
        `${baseURL}/studio/posts/${post.id}`,
        { words: countWords(document) },
        { characters: CHARACTERS, runs: RUNS },
      );
      console.log(`[typing] ${line(figures)}`);
      await test.info().attach(`typing-${words}.json`, { body: JSON.stringify(figures, null, 2), contentType: "application/json" });
    } finally {
      await context.close();
    }
  });
}
