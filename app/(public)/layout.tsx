import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import { getViewer } from "@/server/auth/viewer";

export default async function PublicLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <>
      <SiteHeader signedIn={viewer !== null} />
      {children}
      <footer className="mx-auto max-w-5xl px-5 py-10 text-sm text-faint">Published with Atelier</footer>
    </>
  );
}
