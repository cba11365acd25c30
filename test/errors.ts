// Catching what a service or procedure refused, so a test can look at the whole error.

/** The error `promise` rejects with; fails the test if it resolves instead. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the call to be refused, but it succeeded.");
}

/** Words meant for users: no SQL, no driver codes, no stack frames. */
export const TECHNICAL_DETAIL =
  /\b(select|insert into|delete from|returning|postgres|sql|sqlstate|violates|constraint|relation|syntax error)\b|\n\s+at\s|[A-Za-z]+Error:/i;
