import type { ReactNode } from "react";
import { PublicFrame } from "@/app/_components/public-frame";
import { getViewer } from "@/server/auth/viewer";

// A signed-in viewer's public pages, and the pages that are per viewer for everyone (joining, search,
// account). An anonymous reader's public pages come from app/%5Fshared, rendered once for all.
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return <PublicFrame signedIn={viewer !== null}>{children}</PublicFrame>;
}
