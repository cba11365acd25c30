// Creator pages: setting one up, editing its profile, and finding it by handle.
import { and, eq, ne } from "drizzle-orm";
import { creators } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import { HANDLE_PROBLEM_MESSAGES, handleProblem } from "@/lib/handle";
import { creatorProfileInput, type CreatorProfileInput } from "@/lib/schemas/creator";
import { requireViewer, type ServiceContext } from "./context";

export type HandleAvailability = { handle: string; available: boolean; message: string };

const publicColumns = {
  id: true,
  handle: true,
  displayName: true,
  tagline: true,
  about: true,
  createdAt: true,
} as const;

export async function getOwnCreator(ctx: ServiceContext) {
  if (!ctx.viewer) return null;
  if (ctx.creator !== undefined) return ctx.creator;
  return (
    (await ctx.db.query.creators.findFirst({ where: eq(creators.userId, ctx.viewer.userId) })) ?? null
  );
}

/** The viewer's creator page, or a typed error telling them to set one up first. */
export async function requireOwnCreator(ctx: ServiceContext) {
  requireViewer(ctx);
  const creator = await getOwnCreator(ctx);
  if (!creator) throw new AppError(AppErrorCode.FORBIDDEN, "Set up your creator page first.");
  return creator;
}

export async function checkHandleAvailability(ctx: ServiceContext, raw: string): Promise<HandleAvailability> {
  const handle = raw.trim().toLowerCase();
  const problem = handleProblem(handle);
  if (problem) return { handle, available: false, message: HANDLE_PROBLEM_MESSAGES[problem] };
  const own = ctx.viewer ? await getOwnCreator(ctx) : null;
  const taken = await ctx.db.query.creators.findFirst({
    where: own ? and(eq(creators.handle, handle), ne(creators.id, own.id)) : eq(creators.handle, handle),
    columns: { id: true },
  });
  return taken
    ? { handle, available: false, message: `@${handle} is taken. Try another.` }
    : { handle, available: true, message: `@${handle} is available.` };
}

function handleTaken(handle: string) {
  return new AppError(AppErrorCode.ALREADY_EXISTS, `@${handle} is taken. Try another.`, { field: "handle" });
}

export async function createCreatorPage(ctx: ServiceContext, input: CreatorProfileInput) {
  requireViewer(ctx);
  const data = creatorProfileInput.parse(input);
  if (await getOwnCreator(ctx)) {
    throw new AppError(AppErrorCode.ALREADY_EXISTS, "You already have a creator page.");
  }
  const [created] = await ctx.db
    .insert(creators)
    .values({ ...data, userId: ctx.viewer.userId })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    // Either the handle or this user's page appeared concurrently; the handle is the likely one.
    if (await getOwnCreator(ctx)) throw new AppError(AppErrorCode.ALREADY_EXISTS, "You already have a creator page.");
    throw handleTaken(data.handle);
  }
  return created;
}

export async function updateCreatorProfile(ctx: ServiceContext, input: CreatorProfileInput) {
  const creator = await requireOwnCreator(ctx);
  const data = creatorProfileInput.parse(input);
  const availability = await checkHandleAvailability(ctx, data.handle);
  if (!availability.available) throw handleTaken(data.handle);
  try {
    const [updated] = await ctx.db
      .update(creators)
      .set({ ...data, updatedAt: ctx.now })
      .where(eq(creators.id, creator.id))
      .returning();
    return updated!;
  } catch (error) {
    // Drizzle wraps driver errors (DrizzleQueryError), so the SQLSTATE is on the cause.
    const e = error as { code?: string; cause?: { code?: string } };
    if (e.code === "23505" || e.cause?.code === "23505") throw handleTaken(data.handle);
    throw error;
  }
}

export async function getCreatorByHandle(ctx: ServiceContext, handle: string) {
  return (
    (await ctx.db.query.creators.findFirst({
      where: eq(creators.handle, handle.toLowerCase()),
      columns: publicColumns,
    })) ?? null
  );
}
