// HTTP Range requests for audio and video seeking: one range per request, as players send.
import "server-only";
import type { ByteRange } from "./storage";

/**
 * - `null`: no usable Range header; serve the whole file (RFC 9110 lets a server ignore one it
 *   does not understand, e.g. several ranges).
 * - `"unsatisfiable"`: a well-formed range outside the file: answer 416.
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0) return "unsatisfiable";
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
