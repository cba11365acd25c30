// Oversized requests against the production build: tRPC bodies past the largest valid save,
// batches past the link's size, and server actions past their limit are refused with a 4xx before
// they are parsed, whether or not they declare their length; the largest valid post still saves.
import http from "node:http";
import { DOCUMENT_LIMITS } from "@/lib/document/validate";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/request-limits";
import { expect, test } from "../support/fixtures";

const PARAGRAPH = '{"type":"paragraph","content":[{"type":"text","text":"a"}]}';

/** A save whose document has a million nodes (half a million paragraphs of text): about 30 MB. */
function millionNodeSave(postId: string): Buffer {
  const document = `{"type":"doc","content":[${Array.from({ length: 500_000 }, () => PARAGRAPH).join(",")}]}`;
  return Buffer.from(`{"0":{"json":{"id":"${postId}","baseVersion":1,"title":"Huge","document":${document}}}}`);
}

/** A document whose JSON is `bytes` long: long paragraphs, well under the node limit. */
function documentOfSize(bytes: number): object {
  const empty = JSON.stringify({ type: "doc", content: [] }).length;
  const perParagraph = JSON.stringify({ type: "paragraph", content: [{ type: "text", text: "" }] }).length;
  const paragraphs = 1000;
  // Separating commas included; the remainder goes to the last paragraph.
  const textTotal = bytes - empty - paragraphs * perParagraph - (paragraphs - 1);
  const each = Math.floor(textTotal / paragraphs);
  const content = Array.from({ length: paragraphs }, (_, i) => ({
    type: "paragraph",
    content: [{ type: "text", text: "w".repeat(i === paragraphs - 1 ? textTotal - each * (paragraphs - 1) : each) }],
  }));
  const document = { type: "doc", content };
  expect(JSON.stringify(document).length).toBe(bytes);
  return document;
}

type Answer = { status: number; body: string };

/** Sends `body` in chunks with no Content-Length (chunked), as a client that hides its size would. */
function postChunked(baseURL: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseURL);
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: "POST", headers });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, body: text });
        request.destroy();
      });
    });
    // The server may close the connection while we are still sending: that is the refusal.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    void (async () => {
      for (let offset = 0; offset < body.length && !answered; offset += 64 * 1024) {
        if (!request.write(body.subarray(offset, offset + 64 * 1024))) {
          await new Promise((next) => {
            request.once("drain", next);
            request.once("response", next);
            request.once("close", next);
          });
        }
      }
      if (!answered) request.end();
    })().catch(() => {});
  });
}

function baseUrl(): string {
  return test.info().project.use.baseURL!;
}

test.describe("the tRPC route", () => {
  test("refuses a 25 MB, million-node save with 413 before asking who sent it", async ({ request }) => {
    const body = millionNodeSave("0192f0a0-1234-7abc-8def-0123456789ab");
    const response = await request.post("/api/trpc/post.save?batch=1", { headers: { "content-type": "application/json" }, data: body });
    expect(response.status()).toBe(413);
    // Not "sign in to continue": the size was judged first.
    expect(await response.json()).toMatchObject({ error: { json: { data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } } });
  });

  test("refuses the same save sent without a length", async () => {
    const answer = await postChunked(baseUrl(), "/api/trpc/post.save?batch=1", { "content-type": "application/json" }, millionNodeSave("0192f0a0-1234-7abc-8def-0123456789ab"));
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("PAYLOAD_TOO_LARGE");
  });

  test("saves a post at the document size limit, and explains a larger one in plain words", async ({ page, users, posts, login }) => {
    const creator = await users.createCreator();
    const post = await posts.create({ creator, title: "Long" });
    await login(page, creator.user);
    const request = page.context().request;
    const save = (document: object) =>
      request.post("/api/trpc/post.save?batch=1", {
        headers: { "content-type": "application/json" },
        data: JSON.stringify({ 0: { json: { id: post.id, baseVersion: post.version, title: "Long", document } } }),
      });

    const largest = await save(documentOfSize(DOCUMENT_LIMITS.maxBytes));
    expect(largest.status()).toBe(200);

    const larger = await save(documentOfSize(DOCUMENT_LIMITS.maxBytes + 200_000));
    expect(larger.status()).toBe(400);
    const [refusal] = (await larger.json()) as Array<{ error: { json: { message: string } } }>;
    expect(refusal!.error.json.message).toMatch(/larger than 2 MB/);
  });

  test(`runs a batch of ${TRPC_MAX_BATCH_SIZE} calls and refuses one more before running any`, async ({ request }) => {
    const paths = (calls: number) => Array.from({ length: calls }, () => "post.search").join(",");
    const input = Object.fromEntries(Array.from({ length: TRPC_MAX_BATCH_SIZE }, (_, i) => [i, { json: { q: "clay" } }]));
    const full = await request.get(`/api/trpc/${paths(TRPC_MAX_BATCH_SIZE)}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
    expect(full.status()).toBe(200);
    expect(await full.json()).toHaveLength(TRPC_MAX_BATCH_SIZE);

    for (const calls of [TRPC_MAX_BATCH_SIZE + 1, 1000]) {
      const refused = await request.get(`/api/trpc/${paths(calls)}?batch=1`);
      expect(refused.status()).toBe(400);
      const body = (await refused.json()) as { error: { json: { message: string } } };
      expect(body.error.json.message).toBe("Batch call exceeds maximum size");
    }
  });
});

test.describe("server actions", () => {
  /** The sign-in form's action, as the login page names it for forms sent without JavaScript. */
  async function signInActionId(html: string): Promise<string> {
    const id = /&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
    expect(id, "no server action on the login page").toBeTruthy();
    return id!;
  }

  test("refuse a body past their limit with 413, not 500", async ({ request }) => {
    const action = await signInActionId(await (await request.get("/login")).text());
    const headers = { "next-action": action, "content-type": "text/plain;charset=UTF-8" };
    const body = Buffer.alloc(5 * 1024 * 1024, "a");

    const declared = await request.post("/login", { headers, data: body });
    expect(declared.status()).toBe(413);
    expect(await declared.text()).toBe("This request is too large.");

    const chunked = await postChunked(baseUrl(), "/login", headers, body);
    expect(chunked.status).toBe(413);
  });
});
