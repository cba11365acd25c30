// What typing costs in the editor, in Chromium against the production build: per character typed,
// how many React components render and how many commits there are, how often the document is
// serialized (JSON.stringify calls the size of the document, localStorage writes) and how much
// main-thread script time it takes. Counted from outside the app: React's DevTools hook (called by
// production builds too) sees every commit, and the page's own JSON and Storage are wrapped, so
// the same probe measures any version of the editor without a line of test code in it.
import type { BrowserContext, Page } from "@playwright/test";

export type TypingCounters = {
  commits: number;
  /** Function and class components that rendered (mounts included), summed over the commits. */
  renders: number;
  /** JSON.stringify results at least half the size of the document's text. */
  documentStringifies: number;
  storageWrites: number;
  storageBytes: number;
};

export type TypingRun = {
  characters: number;
  /** While the characters were typed, one keystroke after the other. */
  typing: TypingCounters & { wallMs: number; scriptMs: number };
  /** From the last character until the status says "Saved" (the autosave and what it re-renders). */
  untilSaved: TypingCounters & { wallMs: number };
};

export type TypingFigures = {
  draftWords: number;
  characters: number;
  runs: TypingRun[];
  /** Medians over the runs, per character typed (while typing) and per save (after it). */
  perCharacter: { renders: number; commits: number; documentStringifies: number; storageWrites: number; scriptMs: number; wallMs: number };
  untilSaved: { renders: number; commits: number; documentStringifies: number };
};

declare global {
  interface Window {
    __typingProbe?: TypingCounters & { threshold: number };
  }
}

/**
 * Installed before any of the page's scripts run. The fiber walk is the one React DevTools does:
 * a subtree whose child list did not change bailed out, so nothing under it rendered; otherwise a
 * component rendered if it is new or carries React's PerformedWork flag (1).
 */
function installProbe() {
  const COMPONENT_TAGS = new Set([0, 1, 11, 15]); // function, class, forwardRef, simple memo
  type Fiber = { tag: number; flags: number; child: Fiber | null; sibling: Fiber | null; alternate: Fiber | null };
  const probe = { commits: 0, renders: 0, documentStringifies: 0, storageWrites: 0, storageBytes: 0, threshold: Number.POSITIVE_INFINITY };
  window.__typingProbe = probe;

  const walk = (next: Fiber, previous: Fiber | null) => {
    if (COMPONENT_TAGS.has(next.tag) && (previous === null || (next.flags & 1) === 1)) probe.renders += 1;
    if (previous !== null && next.child === previous.child) return;
    for (let child = next.child; child; child = child.sibling) walk(child, child.alternate);
  };
  let renderers = 0;
  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => ++renderers,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      probe.commits += 1;
      walk(root.current, root.current.alternate);
    },
  };

  const stringify = JSON.stringify;
  JSON.stringify = function (this: unknown, ...args: Parameters<typeof JSON.stringify>) {
    const out = stringify.apply(this, args);
    if (typeof out === "string" && out.length >= probe.threshold) probe.documentStringifies += 1;
    return out;
  } as typeof JSON.stringify;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    probe.storageWrites += 1;
    probe.storageBytes += String(value).length;
    return setItem.call(this, key, value);
  };
}

const read = (page: Page) =>
  page.evaluate(() => {
    const { commits, renders, documentStringifies, storageWrites, storageBytes } = window.__typingProbe!;
    return { commits, renders, documentStringifies, storageWrites, storageBytes };
  });

const minus = (after: TypingCounters, before: TypingCounters): TypingCounters => ({
  commits: after.commits - before.commits,
  renders: after.renders - before.renders,
  documentStringifies: after.documentStringifies - before.documentStringifies,
  storageWrites: after.storageWrites - before.storageWrites,
  storageBytes: after.storageBytes - before.storageBytes,
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Words, spaces and a full stop now and then, like prose; the same text every run. */
function prose(characters: number): string {
  const words = ["the", "press", "keeps", "its", "own", "slow", "time", "and", "every", "proof", "asks", "for", "patience"];
  let text = "";
  for (let index = 0; text.length < characters; index++) text += `${words[index % words.length]}${index % 9 === 8 ? ". " : " "}`;
  return text.slice(0, characters);
}

/** One run: open the editor, type at the end of the document, wait for the autosave. */
async function typeOnce(page: Page, editorUrl: string, characters: number): Promise<TypingRun> {
  await page.goto(editorUrl, { waitUntil: "commit" });
  // The editor is created with the whole document: once it is editable, all of it is there.
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout: 60_000 });
  const body = page.getByRole("textbox", { name: "Post body" });
  await body.click();
  await page.keyboard.press("ControlOrMeta+End");
  // Half the document's text: only a serialization of (nearly) the whole document is that long.
  await page.evaluate(() => {
    const text = document.querySelector(".ProseMirror")?.textContent ?? "";
    window.__typingProbe!.threshold = Math.max(1_000, Math.floor(text.length / 2));
  });

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const scriptSeconds = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    return metrics.find((metric) => metric.name === "ScriptDuration")?.value ?? 0;
  };

  const before = await read(page);
  const scriptBefore = await scriptSeconds();
  const startedAt = performance.now();
  await page.keyboard.type(prose(characters));
  const typedAt = performance.now();
  const scriptAfter = await scriptSeconds();
  const typed = await read(page);

  await page.waitForFunction(() => document.querySelector("[data-save-state]")?.getAttribute("data-save-state") === "saved", null, {
    timeout: 60_000,
    polling: 50,
  });
  const savedAt = performance.now();
  const saved = await read(page);
  await cdp.detach();
  return {
    characters,
    typing: { ...minus(typed, before), wallMs: typedAt - startedAt, scriptMs: (scriptAfter - scriptBefore) * 1000 },
    untilSaved: { ...minus(saved, typed), wallMs: savedAt - typedAt },
  };
}

/**
 * Types `characters` characters at the end of a draft `runs` times (after one warm-up run), each
 * time in a freshly loaded editor within `context` (signed in as the draft's owner).
 */
export async function measureTyping(
  context: BrowserContext,
  editorUrl: string,
  draft: { words: number },
  options: { characters: number; runs: number },
): Promise<TypingFigures> {
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  // Leaving an editor with unsaved text asks first; a run only leaves once its text is saved.
  page.on("dialog", (dialog) => void dialog.accept());
  const runs: TypingRun[] = [];
  try {
    for (let run = 0; run <= options.runs; run++) {
      const result = await typeOnce(page, editorUrl, options.characters);
      if (run > 0) runs.push(result);
    }
  } finally {
    await page.close();
  }
  const per = (pick: (run: TypingRun) => number) => median(runs.map((run) => pick(run) / run.characters));
  return {
    draftWords: draft.words,
    characters: options.characters,
    runs,
    perCharacter: {
      renders: per((run) => run.typing.renders),
      commits: per((run) => run.typing.commits),
      documentStringifies: per((run) => run.typing.documentStringifies),
      storageWrites: per((run) => run.typing.storageWrites),
      scriptMs: per((run) => run.typing.scriptMs),
      wallMs: per((run) => run.typing.wallMs),
    },
    untilSaved: {
      renders: median(runs.map((run) => run.untilSaved.renders)),
      commits: median(runs.map((run) => run.untilSaved.commits)),
      documentStringifies: median(runs.map((run) => run.untilSaved.documentStringifies)),
    },
  };
}
