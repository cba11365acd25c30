// What the editor costs a creator's browser, in Chromium: the JavaScript the editor route loads
// (count, raw and gzip bytes), and how long a post takes to open until it can be edited.
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/test/support/chromium";
import { SESSION_COOKIE, type EditorDraft } from "./scenarios";

const LAUNCH = { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] };
const PAGE_TIMEOUT_MS = 60_000;

export type Script = { url: string; bytes: number; gzipBytes: number };

export type ScriptTotals = {
  page: string;
  count: number;
  bytes: number;
  gzipBytes: number;
  /** The largest chunks first. */
  largest: Script[];
};

export type OpenTimes = {
  draftWords: number;
  runs: number;
  /** Navigation start to the editor being editable with the document's last paragraph in it, ms. */
  editableMs: { median: number; max: number; all: number[] };
  /** Navigation start to the end of the HTML response, ms (medians), for where the time went. */
  responseEndMs: number;
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...LAUNCH, headless: true });
}

/** A fresh context (empty cache, no storage) signed in with `sessionToken`, or anonymous. */
async function freshContext(browser: Browser, origin: string, sessionToken: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (sessionToken) {
    await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url: origin, httpOnly: true, sameSite: "Lax" }]);
  }
  return context;
}

const shortUrl = (url: string) => new URL(url).pathname.replace(/^\/_next\/static\//, "");

/**
 * Every JavaScript response the page loads until the network is quiet, after `ready` holds.
 * Sizes are as served (Next sends static chunks uncompressed here); gzip is zlib's default level.
 */
export async function scriptsOf(
  browser: Browser,
  origin: string,
  path: string,
  sessionToken: string | null,
  ready: (page: Page) => Promise<unknown>,
): Promise<ScriptTotals> {
  const context = await freshContext(browser, origin, sessionToken);
  try {
    const page = await context.newPage();
    const bodies: Array<Promise<Script | null>> = [];
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (response.request().resourceType() !== "script" && !type.includes("javascript")) return;
      bodies.push(
        response.body().then(
          (body) => ({ url: shortUrl(response.url()), bytes: body.length, gzipBytes: zlib.gzipSync(body).length }),
          () => null,
        ),
      );
    });
    const response = await page.goto(`${origin}${path}`, { waitUntil: "load", timeout: PAGE_TIMEOUT_MS });
    if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()} in the browser, not 200.`);
    await ready(page);
    await page.waitForLoadState("networkidle", { timeout: PAGE_TIMEOUT_MS });
    const scripts = (await Promise.all(bodies)).filter((script): script is Script => script !== null);
    const unique = [...new Map(scripts.map((script) => [script.url, script])).values()];
    return {
      page: path,
      count: unique.length,
      bytes: unique.reduce((sum, script) => sum + script.bytes, 0),
      gzipBytes: unique.reduce((sum, script) => sum + script.gzipBytes, 0),
      largest: [...unique].sort((a, b) => b.bytes - a.bytes).slice(0, 5),
    };
  } finally {
    await context.close();
  }
}

/** Resolves once the editor is editable and shows the draft's last paragraph; returns performance.now() then. */
export function editorReady(page: Page, lastParagraph: string): Promise<number> {
  return page
    .waitForFunction(
      (text) => {
        const editor = document.querySelector('.ProseMirror[contenteditable="true"]');
        if (!editor) return false;
        // The last block may be followed by an empty trailing paragraph the editor adds.
        const tail = Array.from(editor.children).slice(-3);
        return tail.some((block) => block.textContent === text) ? performance.now() : false;
      },
      lastParagraph,
      { polling: "raf", timeout: PAGE_TIMEOUT_MS },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Opens the draft's editor `runs` times (after one warm-up), each in a fresh context, so every run
 * downloads, parses and hydrates everything as a first visit does; the server is warm.
 */
export async function timeToEditable(browser: Browser, origin: string, sessionToken: string, draft: EditorDraft, runs: number): Promise<OpenTimes> {
  const editable: number[] = [];
  const responseEnds: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const context = await freshContext(browser, origin, sessionToken);
    try {
      const page = await context.newPage();
      const response = await page.goto(`${origin}/studio/posts/${draft.id}`, { waitUntil: "commit", timeout: PAGE_TIMEOUT_MS });
      if (response?.status() !== 200) throw new Error(`The editor of ${draft.id} answered ${response?.status()}, not 200.`);
      const at = await editorReady(page, draft.lastParagraph);
      const responseEnd = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd);
      if (run > 0) {
        editable.push(Math.round(at));
        responseEnds.push(Math.round(responseEnd));
      }
    } finally {
      await context.close();
    }
  }
  return {
    draftWords: draft.words,
    runs,
    editableMs: { median: median(editable), max: Math.max(...editable), all: editable },
    responseEndMs: median(responseEnds),
  };
}
