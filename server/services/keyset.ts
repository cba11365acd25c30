// Keyset pagination for lists (posts, members): a page names the sort key and id of its last row,
// and the next page starts after them through the list's index, so a page deep in a list costs
// what the first does (an offset would read and skip every row before it).
import "server-only";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { AppError, AppErrorCode } from "@/lib/errors";

/** A timestamp as exact text: microseconds survive, so no row is skipped or repeated at a page edge. */
export function exactTime(value: SQLWrapper): SQL<string> {
  return sql<string>`to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** An opaque cursor for a page's last row. */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** The parts of a cursor made by encodeCursor, or null when it is not one. */
export function decodeCursor(raw: string): unknown[] | null {
  try {
    const parts: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return Array.isArray(parts) ? parts : null;
  } catch {
    return null;
  }
}

/** A cursor that does not belong to this list (hand-edited, or from another sort or filter). */
export function staleCursor(): AppError {
  return new AppError(AppErrorCode.INVALID_INPUT, "This page of results is out of date. Go back to the first page.", {
    field: "cursor",
  });
}
