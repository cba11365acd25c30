// The checks every page target passes before it is measured: a 200 that carries what this viewer
// should see (and nothing it must not), so a figure never measures a 404 or an error page.
import { benchArticle } from "./dataset";

export type PageCheck = { status: number; bytes: number; cacheControl: string | null; nextCache: string | null };

/** What a page must (and must not) carry for its figures to measure the real thing. */
export type Expectation = { headers?: Record<string, string>; contains: Record<string, string>; lacks?: Record<string, string> };

export function checkBody(url: string, expect: Expectation, status: number, body: string): void {
  if (status !== 200) throw new Error(`${url} answered ${status}, not 200.`);
  for (const [what, text] of Object.entries(expect.contains)) {
    if (!body.includes(text)) throw new Error(`${url} does not contain ${what}.`);
  }
  for (const [what, text] of Object.entries(expect.lacks ?? {})) {
    if (body.includes(text)) throw new Error(`${url} contains ${what}, which this viewer must not get.`);
  }
}

export async function checkPage(url: string, expect: Expectation): Promise<PageCheck> {
  const response = await fetch(url, { redirect: "manual", headers: expect.headers });
  const body = await response.text();
  checkBody(url, expect, response.status, body);
  return {
    status: response.status,
    bytes: Buffer.byteLength(body),
    cacheControl: response.headers.get("cache-control"),
    nextCache: response.headers.get("x-nextjs-cache"),
  };
}

/** The public post as anybody sees it: the article's full HTML and its title. */
export const publicArticle = (): Expectation => {
  const { title, html } = benchArticle();
  return { contains: { "the article's HTML": html, "the article's title": title } };
};
