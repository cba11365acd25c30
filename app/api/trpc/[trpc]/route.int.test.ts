// The tRPC route as Next.js calls it, with hostile requests: bodies far past the largest valid save
// (declared and undeclared) and batches past the limit are refused before the session is looked
// up or anything is parsed. Outside a Next.js request nothing could look a session up, so a
// refusal that arrives in tRPC's envelope here is one that never reached that point.
import { describe, expect, it } from "vitest";
import { DOCUMENT_LIMITS } from "@/lib/document/validate";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/request-limits";
import { GET, POST } from "./route";

const BASE = "http://atelier.test/api/trpc";
const PARAGRAPH = '{"type":"paragraph","content":[{"type":"text","text":"a"}]}';

/** A save whose document has a million nodes (half a million paragraphs of text): about 30 MB. */
function millionNodeSave(): Uint8Array {
  const paragraphs = Array.from({ length: 500_000 }, () => PARAGRAPH).join(",");
  const document = `{"type":"doc","content":[${paragraphs}]}`;
  const save = `{"0":{"json":{"id":"0192f0a0-1234-7abc-8def-0123456789ab","baseVersion":1,"title":"Huge","document":${document}}}}`;
  return new TextEncoder().encode(save);
}

type Envelope = { error: { json: { message: string; data: { code: string; httpStatus: number; appCode: string | null; field: string | null } } } };

async function refusal(response: Response): Promise<Envelope["error"]["json"]> {
  const body = (await response.json()) as Envelope;
  // One error for the whole request, not one result per call: no call ran.
  expect(Array.isArray(body)).toBe(false);
  return body.error.json;
}

/** `bytes` as a request body sent in 64 kB pieces, counting how much of it the server pulled. */
function streamed(bytes: Uint8Array): ReadableStream<Uint8Array> & { pulled(): number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = bytes.subarray(pulled, pulled + 65_536);
      pulled += chunk.byteLength;
      if (chunk.byteLength === 0) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return Object.assign(stream, { pulled: () => pulled });
}

describe("the tRPC route's body cap", () => {
  const save = millionNodeSave();

  it("refuses a 25 MB, million-node save by its declared length, unread", async () => {
    expect(save.byteLength).toBeGreaterThan(25_000_000);
    const body = streamed(save);
    const response = await POST(
      new Request(`${BASE}/post.save?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(save.byteLength) },
        body,
        duplex: "half",
      } as RequestInit),
    );

    expect(response.status).toBe(413);
    const error = await refusal(response);
    expect(error.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", httpStatus: 413, appCode: "INVALID_INPUT", field: "size" });
    expect(error.message).toMatch(/^This request is too large: a post can be up to 2 MB\./);
    // At most what the stream buffers ahead on its own.
    expect(body.pulled()).toBeLessThan(1_000_000);
  });

  it("refuses the same save sent without a length once it has read just past the cap", async () => {
    const body = streamed(save);
    const response = await POST(
      new Request(`${BASE}/post.save?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );

    expect(response.status).toBe(413);
    expect((await refusal(response)).data.code).toBe("PAYLOAD_TOO_LARGE");
    // Stopped a chunk or two past the cap (the largest document plus half a megabyte), far from 30 MB.
    expect(body.pulled()).toBeGreaterThan(DOCUMENT_LIMITS.maxBytes);
    expect(body.pulled()).toBeLessThan(DOCUMENT_LIMITS.maxBytes + 1_000_000);
  });

  it("answers a refused cross-site write in the same envelope", async () => {
    const response = await POST(
      new Request(`${BASE}/post.save?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://evil.example", host: "atelier.test" },
        body: "{}",
      }),
    );
    expect(response.status).toBe(403);
    expect((await refusal(response)).message).toBe("Cross-origin requests are not allowed.");
  });
});

describe("the tRPC route's batch limit", () => {
  function batchGet(calls: number): Request {
    const paths = Array.from({ length: calls }, () => "creator.byHandle").join(",");
    const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { json: { handle: "nobody-here" } }]));
    return new Request(`${BASE}/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`);
  }

  it.each([1000, TRPC_MAX_BATCH_SIZE + 1])("refuses an anonymous batch of %i calls before running any", async (calls) => {
    const response = await GET(batchGet(calls));
    expect(response.status).toBe(400);
    const error = await refusal(response);
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Batch call exceeds maximum size");
  });
});
