// The public pages as every anonymous reader gets them, rendered once and kept in the page cache
// (server/cache): the proxy sends a request here when it carries no session and nothing else that
// could make its answer personal (lib/shared-pages.ts). The pages are the public ones themselves;
// rendered here, `cookies()` and `headers()` are empty (force-static), so whatever they read, they
// read as nobody: a member's view cannot end up here even by mistake.
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { PublicFrame } from "@/app/_components/public-frame";
import { SHARED_AUDIENCE } from "@/lib/shared-pages";

export const dynamic = "force-static";

// NOTE: nothing is rendered at build time (there is no database then): each page is rendered on its
// first request and kept. The one audience is a path segment only so that every page here has one.
export function generateStaticParams(): { audience: string }[] {
  return [];
}

export default async function SharedLayout({ children, params }: { children: ReactNode; params: Promise<{ audience: string }> }) {
  if ((await params).audience !== SHARED_AUDIENCE) notFound();
  return <PublicFrame signedIn={false}>{children}</PublicFrame>;
}
