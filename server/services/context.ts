// The small context every service function takes: the database, who is asking, and the time.
import "server-only";
import type { Db } from "@/db/client";
import type { creators } from "@/db/schema";
import { AppError, AppErrorCode } from "@/lib/errors";
import type { Entitlement } from "./access/policy";

export type Viewer = {
  userId: string;
  /**
   * What the access policy knows of the viewer, when it was read with their session (see
   * server/auth/session-viewer.ts): the creator page they own and their memberships, as they stood
   * when the request began. Without it, the policy reads them itself (jobs, tests).
   */
  access?: ViewerAccess;
};

export type ViewerAccess = { creatorId: string | null; entitlements: readonly Entitlement[] };

export type ServiceContext = {
  db: Db;
  viewer: Viewer | null;
  /** Injected so tests and jobs can control the clock. */
  now: Date;
  /**
   * The viewer's own creator page when a caller already loaded it (creatorProcedure does), so a
   * service need not look it up again. Undefined means "not looked up yet", null "has none".
   */
  creator?: typeof creators.$inferSelect | null;
};

export type AuthedContext = ServiceContext & { viewer: Viewer };

export function requireViewer(ctx: ServiceContext): asserts ctx is AuthedContext {
  if (!ctx.viewer) throw new AppError(AppErrorCode.UNAUTHENTICATED, "Sign in to continue.");
}
