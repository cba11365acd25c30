import type { ReactNode } from "react";
import { SiteHeader } from "./site-header";

/** The public pages' header and footer, for a viewer who is signed in or not. */
export function PublicFrame({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  return (
    <>
      <SiteHeader signedIn={signedIn} />
      {children}
      <footer className="mx-auto max-w-5xl px-5 py-10 text-sm text-faint">Published with Atelier</footer>
    </>
  );
}
