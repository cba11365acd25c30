// Studio pages render in parallel with the studio layout, so each page checks for itself.
import "server-only";
import { redirect } from "next/navigation";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";

export async function requireSignedIn(path: string) {
  const viewer = await getViewer();
  if (!viewer) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  return viewer;
}

/** The signed-in creator's page; without one, the studio sends them to set it up. */
export async function requireCreatorPage(path: string) {
  await requireSignedIn(path);
  const creator = await caller.creator.me();
  if (!creator) redirect("/studio");
  return creator;
}
