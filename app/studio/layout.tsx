import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { StudioNav } from "./_components/studio-nav";
import { UserMenu } from "./_components/user-menu";
import { ViewerTimeZone } from "./_components/viewer-time-zone";

export const metadata: Metadata = { title: { default: "Studio", template: "%s · Studio · Atelier" }, robots: { index: false } };

export default async function StudioLayout({ children }: { children: ReactNode }) {
  if (!(await getViewer())) redirect("/login?callbackUrl=/studio");
  const creator = await caller.creator.me();
  return (
    <TRPCReactProvider>
      <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
        <aside className="border-b border-line bg-card md:sticky md:top-0 md:h-dvh md:border-b-0 md:border-r">
          <div className="flex items-center justify-between gap-3 px-4 py-3 md:flex-col md:items-stretch md:px-5 md:py-6">
            <a href="/studio" className="font-serif text-xl font-bold">
              Atelier <span className="font-sans text-sm font-medium text-muted">Studio</span>
            </a>
            <UserMenu handle={creator?.handle ?? null} />
          </div>
          {creator && <StudioNav />}
        </aside>
        <div className="min-w-0">
          <ViewerTimeZone>{children}</ViewerTimeZone>
        </div>
      </div>
    </TRPCReactProvider>
  );
}
