import { TRPCReactProvider } from "@/app/_lib/trpc";
import { dayIn } from "@/server/services/analytics/dashboard";
import { requireCreatorPage } from "../../_lib/guards";
import { AnalyticsTabs } from "../_components/analytics-tabs";
import { rangeChoice, type SearchParams } from "../_components/choice";
import { Earnings } from "../_components/earnings";
import { RangePicker } from "../_components/range-picker";

export const metadata = { title: "Members and earnings · Analytics" };

export default async function EarningsPage({ searchParams }: { searchParams: SearchParams }) {
  const creator = await requireCreatorPage("/studio/analytics/earnings");
  const { choice, query } = await rangeChoice(searchParams, "90d");
  return (
    <TRPCReactProvider>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-5 sm:py-10">
        <h1 className="text-2xl font-bold">Analytics</h1>
        <AnalyticsTabs current="earnings" query={query} />
        <div className="mt-4">
          <RangePicker value={choice} today={dayIn(new Date(), creator.timeZone)} />
        </div>
        <Earnings choice={choice} />
      </main>
    </TRPCReactProvider>
  );
}
