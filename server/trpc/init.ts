// The one tRPC init: context (db, viewer, clock), the error mapper, and the procedure builders.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { cache } from "react";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getDb } from "@/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { getViewer } from "../auth/viewer";
import { requireOwnCreator } from "../services/creators";

export const createTRPCContext = cache(async () => ({
  db: getDb(),
  viewer: await getViewer(),
  now: new Date(),
}));

type Context = Awaited<ReturnType<typeof createTRPCContext>>;

const TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  ALREADY_EXISTS: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

/** What the client may learn about an error: a code, plain words, and the field it concerns. */
export type ErrorShapeData = {
  appCode: AppErrorCode | null;
  field: string | null;
  fieldErrors: Record<string, string[]> | null;
};

function zodFieldErrors(error: ZodError): Record<string, string[]> {
  return z.flattenError(error).fieldErrors as Record<string, string[]>;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const data: ErrorShapeData = {
      appCode: cause instanceof AppError ? cause.code : null,
      field: cause instanceof AppError ? (cause.field ?? null) : null,
      fieldErrors: cause instanceof ZodError ? zodFieldErrors(cause) : null,
    };
    // NOTE: unexpected errors keep their details in the server log; users get plain words.
    const message =
      error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : shape.message;
    return { ...shape, message, data: { ...shape.data, ...data, stack: undefined } };
  },
});

/** Typed errors and input errors thrown inside services become 4xx responses, never 500s. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) {
      throw new TRPCError({ code: TRPC_CODE[cause.code], message: cause.message, cause });
    }
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "Some fields need another look.", cause });
    }
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

export const publicProcedure = t.procedure.use(mapErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

export const creatorProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  const creator = await requireOwnCreator(ctx);
  return next({ ctx: { ...ctx, creator } });
});
