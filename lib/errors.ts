// The closed set of errors a user can cause. Services throw AppError; the one map below gives each
// code its HTTP status (the tRPC init and every route handler answer with it), and the UI turns
// codes into plain words.

export const AppErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "INVALID_INPUT",
  CONFLICT: "CONFLICT",
  ALREADY_EXISTS: "ALREADY_EXISTS",
  RATE_LIMITED: "RATE_LIMITED",
  /** Something we depend on (the database, the disk) is not answering: try again soon. */
  UNAVAILABLE: "UNAVAILABLE",
} as const;

export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field the error belongs to, so a form can show it next to the input that caused it. */
  readonly field?: string;

  constructor(code: AppErrorCode, message: string, options?: { field?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.field = options?.field;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The HTTP status of each code. */
export const HTTP_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const satisfies Record<AppErrorCode, number>;

export type AppErrorStatus = (typeof HTTP_STATUS)[AppErrorCode] | 413;

export function httpStatus(error: AppError): AppErrorStatus {
  // NOTE: input refused for its size (an upload over its cap) is "content too large", which
  // proxies and clients understand; it is still INVALID_INPUT to the code that shows the words.
  if (error.code === AppErrorCode.INVALID_INPUT && error.field === "size") return 413;
  return HTTP_STATUS[error.code];
}

/**
 * What a person sees for a failure of ours: plain words and, when there is one, the reference the
 * server's log line carries (a request id, or a page error's digest) for them to quote.
 */
export function failureMessage(reference: string | null | undefined): string {
  return reference
    ? `Something went wrong on our side. Please try again; if it keeps happening, quote reference ${reference} when you ask for help.`
    : "Something went wrong on our side. Please try again.";
}

/** The digest Next.js gives an error from the server (a page that failed to render), if any. */
export function digestOf(error: unknown): string | undefined {
  return error !== null && typeof error === "object" && "digest" in error && typeof error.digest === "string" ? error.digest : undefined;
}
