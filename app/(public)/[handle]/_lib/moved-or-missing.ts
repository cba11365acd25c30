// A creator's address that answers nothing: a handle the creator renamed moves for good to the new
// one (the rest of the path kept, so old links to posts and join pages still land); anything else
// is missing.
import "server-only";
import { notFound, permanentRedirect } from "next/navigation";
import { caller } from "@/server/trpc/server";

export async function movedOrMissing(handle: string, rest = ""): Promise<never> {
  const moved = await caller.creator.movedTo({ handle });
  if (moved) permanentRedirect(`/${moved}${rest}`);
  notFound();
}
