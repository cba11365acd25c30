// The one tRPC init: context (db, viewer, clock), the error mapper, and the procedure builders.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { databaseOutage } from "@/db/client";
import { refusedInput } from "@/db/errors";
import { AppError, failureMessage, httpStatus, type AppErrorCode, type AppErrorStatus } from "@/lib/errors";
import { headers } from "next/headers";
import { requestContext } from "../http/context";
import { requestIdOf } from "../http/request-id";
import { timeProcedure } from "../observability/metrics";
import { currentScope, newRequestId, runInScope } from "../observability/request-scope";
import { traceProcedure } from "../observability/tracing";
import { requireOwnCreator } from "../services/creators";

/**
 * The same context route handlers get for a signed-in request, built once per request. NOTE: tRPC
 * answers whatever is thrown here with a 500; a session that could not be looked up is a 503.
 */
export async function createTRPCContext() {
  try {
    return await requestContext();
  } catch (error) {
    const known = error instanceof AppError ? error : databaseOutage(error);
    if (!known) throw error;
    throw new TRPCError({ code: TRPC_CODE[httpStatus(known)], message: known.message, cause: known });
  }
}

type Context = Awaited<ReturnType<typeof createTRPCContext>>;

/** tRPC's name for each status an AppError can have (lib/errors.ts decides the status). */
const TRPC_CODE: Record<AppErrorStatus, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

/** What the client may learn about an error: a code, plain words, and the field it concerns. */
export type ErrorShapeData = {
  appCode: AppErrorCode | null;
  field: string | null;
  fieldErrors: Record<string, string[]> | null;
  /** The request's id, which the server's log lines carry: what a person quotes about a failure. */
  requestId: string | null;
};

function zodFieldErrors(error: ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const requestId = currentScope()?.requestId ?? null;
    const data: ErrorShapeData = {
      appCode: cause instanceof AppError ? cause.code : null,
      field: cause instanceof AppError ? (cause.field ?? null) : null,
      fieldErrors: cause instanceof ZodError ? zodFieldErrors(cause) : null,
      requestId,
    };
    // NOTE: unexpected errors keep their details in the server log (the tRPC route logs them);
    // users get plain words and the reference that finds that line.
    const message = error.code === "INTERNAL_SERVER_ERROR" ? failureMessage(requestId) : shape.message;
    return { ...shape, message, data: { ...shape.data, ...data, stack: undefined } };
  },
});

/**
 * Typed errors and input errors thrown inside services become 4xx responses, never 500s; so does
 * a value PostgreSQL refuses (a character it cannot store, an id that names nothing). A database
 * that does not answer is a 503 (UNAVAILABLE), which clients retry.
 */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const raw = result.error.cause;
    const cause = raw instanceof AppError ? raw : (refusedInput(raw) ?? databaseOutage(raw) ?? raw);
    if (cause instanceof AppError) {
      throw new TRPCError({ code: TRPC_CODE[httpStatus(cause)], message: cause.message, cause });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Some fields need another look.", cause });
    }
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/**
 * The request id of a call made in-process by a page, when nothing entered a scope for it (the
 * server stamps every request, so only a caller outside a request, a script or a test, gets here).
 */
async function callerRequestId(): Promise<string> {
  try {
    return requestIdOf(await headers());
  } catch {
    // Outside a request: headers() has nothing to give.
    return newRequestId();
  }
}

/**
 * Every call in its request's scope, in a span, timed and counted by procedure. Outside the error
 * mapping, so refused calls count (and mark their span) with the code the caller gets.
 */
const observe = t.middleware(async ({ path, type, next }) => {
  const observed = () => traceProcedure(path, type, () => timeProcedure(path, type, next));
  return currentScope() ? observed() : runInScope({ requestId: await callerRequestId() }, observed);
});

export const publicProcedure = t.procedure.use(observe).use(mapErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

export const creatorProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const creator = await requireOwnCreator(ctx);
  return next({ ctx: { ...ctx, creator } });
});
