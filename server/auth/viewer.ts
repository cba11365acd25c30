// Who is asking, once per request.
import "server-only";
import { cache } from "react";
import type { Viewer } from "../services/context";
import { auth } from "./config";

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? { userId: id } : null;
});
