// What integration tests need from the harness: this run's database and a service context.
import { getDb, type Db } from "@/db/client";
import type { ServiceContext, Viewer } from "@/server/services/context";

export function testDb(): Db {
  return getDb();
}

/** A signed-in viewer as services see it: a Viewer, or any row with the user's id. */
export type ViewerLike = Viewer | { id: string } | null;

function toViewer(viewer: ViewerLike | undefined): Viewer | null {
  if (!viewer) return null;
  return "userId" in viewer ? { userId: viewer.userId } : { userId: viewer.id };
}

/** The context a request would build: anonymous unless `viewer` is given, the clock at `now`. */
export function serviceContext(options: { viewer?: ViewerLike; now?: Date; db?: Db } = {}): ServiceContext {
  return { db: options.db ?? getDb(), viewer: toViewer(options.viewer), now: options.now ?? new Date() };
}
