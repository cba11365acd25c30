// What PostgreSQL's error codes mean to the code above it, asked in one place. postgres.js puts the
// SQLSTATE on the error itself; Drizzle wraps it and keeps the original as `cause`.

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
