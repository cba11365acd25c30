// What PostgreSQL's error codes mean to the code above it, asked in one place. postgres.js puts the
// SQLSTATE on the error itself; Drizzle wraps it and keeps the original as `cause`.
import { AppError, AppErrorCode } from "@/lib/errors";

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  return undefined;
}

/** A unique constraint refused the row (23505): someone else took the name, slug or key first. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/** A statement ran past its statement_timeout and was cancelled (57014). */
export function isStatementTimeout(error: unknown): boolean {
  return sqlState(error) === "57014";
}

/**
 * PostgreSQL refusing a value it was sent: input the schemas let through but the database cannot
 * take. Each is the caller's to fix (a 400), never a fault of ours (a 500). The words stay general:
 * the driver's own text names tables and columns.
 */
const REFUSED_INPUT: Record<string, string> = {
  // invalid byte sequence (a NUL) / a character or \u escape the encoding cannot hold
  "22021": "Some of the text contains characters that cannot be saved. Remove them and try again.",
  "22P05": "Some of the text contains characters that cannot be saved. Remove them and try again.",
  // invalid text representation: text where a number, date or JSON value was expected
  "22P02": "Some of the values sent are not in a form we can read. Reload the page and try again.",
  // a date or time PostgreSQL cannot read or hold (years past 9999 are written "+010000-…")
  "22007": "A date sent is not one we can read. Pick it again and retry.",
  "22008": "A date sent is not one we can read. Pick it again and retry.",
  "22009": "A date sent is not one we can read. Pick it again and retry.",
  // numeric value out of range: a number past what its column holds
  "22003": "A number sent is too large. Reload the page and try again.",
  // foreign-key violation: an id the request named does not exist (or was just deleted)
  "23503": "Something this refers to no longer exists. Reload the page and try again.",
};

/** The typed error a refused input becomes, or null when `error` is not one (the caller rethrows). */
export function refusedInput(error: unknown): AppError | null {
  const state = sqlState(error);
  const message = state !== undefined && Object.hasOwn(REFUSED_INPUT, state) ? REFUSED_INPUT[state] : undefined;
  return message ? new AppError(AppErrorCode.INVALID_INPUT, message, { cause: error }) : null;
}
