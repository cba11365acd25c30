import { TRPCReactProvider } from "@/app/_lib/trpc";
import { dayIn } from "@/server/services/analytics/dashboard";
import { requireCreatorPage } from "../_lib/guards";
import { AnalyticsTabs } from "./_components/analytics-tabs";
import { rangeChoice, type SearchParams } from "./_components/choice";
import { Overview } from "./_components/overview";
import { RangePicker } from "./_components/range-picker";
import { TimeZoneControl } from "./_components/time-zone-control";

export const metadata = { title: "Analytics" };

export default async function AnalyticsPage({ searchParams }: { searchParams: SearchParams }) {
  const creator = await requireCreatorPage("/studio/analytics");
  const { choice, query } = await rangeChoice(searchParams, "30d");
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-5 sm:py-10">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-bold">Analytics</h1>
          <TimeZoneControl zone={creator.timeZone} />
        </div>
        <AnalyticsTabs current="overview" query={query} />
        <div className="mt-4">
          <RangePicker value={choice} today={dayIn(new Date(), creator.timeZone)} />
        </div>
        <Overview choice={choice} />
      </main>
    </TRPCReactProvider>
  );
}
