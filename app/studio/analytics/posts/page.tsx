import { TRPCReactProvider } from "@/app/_lib/trpc";
import { dayIn } from "@/server/services/analytics/dashboard";
import { requireCreatorPage } from "../../_lib/guards";
import { AnalyticsTabs } from "../_components/analytics-tabs";
import { rangeChoice, type SearchParams } from "../_components/choice";
import { PostsTable } from "../_components/posts-table";
import { RangePicker } from "../_components/range-picker";

export const metadata = { title: "Posts · Analytics" };

export default async function PostsAnalyticsPage({ searchParams }: { searchParams: SearchParams }) {
  const creator = await requireCreatorPage("/studio/analytics/posts");
  const { choice, query } = await rangeChoice(searchParams, "30d");
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-5 sm:py-10">
        <h1 className="text-2xl font-bold">Analytics</h1>
        <AnalyticsTabs current="posts" query={query} />
        <div className="mt-4">
          <RangePicker value={choice} today={dayIn(new Date(), creator.timeZone)} />
        </div>
        <PostsTable choice={choice} />
      </main>
    </TRPCReactProvider>
  );
}
