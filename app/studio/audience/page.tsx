import { TRPCReactProvider } from "@/app/_lib/trpc";
import { requireCreatorPage } from "../_lib/guards";
import { FollowersList } from "./_components/followers-list";
import { MembersList } from "./_components/members-list";
import { RecommendationsManager } from "./_components/recommendations-manager";

export const metadata = { title: "Audience" };

export default async function AudiencePage() {
  await requireCreatorPage("/studio/audience");
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-5 sm:py-10">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">Audience</h1>
          <a href="/studio/audience/export" className="text-sm font-medium text-accent-strong underline" download>
            Export CSV
          </a>
        </div>
        <MembersList />
        <FollowersList />
        <RecommendationsManager />
      </main>
    </TRPCReactProvider>
  );
}
