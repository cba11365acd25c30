// Request bodies measured before anything parses them or asks who sent them: by the declared
// Content-Length first (refused unread), then, for bodies sent without one, by counting the stream
// and stopping at the first byte past the limit. Node's parser already holds a body to its
// declared length, so only undeclared (chunked) bodies need counting.
import "server-only";

/** The declared Content-Length, or null when the body is sent without one. */
export function declaredLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  if (value === null || value.trim() === "") return null;
  const length = Number(value);
  // Node refuses a malformed Content-Length before we run; treat anything odd as unbounded.
  return Number.isSafeInteger(length) && length >= 0 ? length : Number.POSITIVE_INFINITY;
}

/** The body's bytes, or null as soon as it goes past `limit` (the rest is never read). */
export async function readWithin(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) return null;
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Whether `request`'s body is over `limit`, reading it only when its length was not declared. */
export async function bodyOverLimit(request: Request, limit: number): Promise<boolean> {
  const declared = declaredLength(request.headers);
  if (declared !== null) return declared > limit;
  if (request.body === null) return false;
  return (await readWithin(request.body, limit)) === null;
}

/**
 * `request` with its body read into memory, or null when the body is over `limit`. Whatever
 * parses it afterwards works on at most `limit` bytes, and nothing has been parsed yet.
 */
export async function withBodyWithin(request: Request, limit: number): Promise<Request | null> {
  const declared = declaredLength(request.headers);
  if (declared !== null && declared > limit) return null;
  if (request.body === null) return request;
  const bytes = await readWithin(request.body, limit);
  if (bytes === null) return null;
  return new Request(request.url, { method: request.method, headers: request.headers, body: bytes, signal: request.signal });
}
