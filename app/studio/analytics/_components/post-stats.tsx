"use client";
// One post's figures over its life (or a chosen period), day by day, and where its readers came from.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { percent } from "@/lib/analytics";
import { Panel } from "./panel";
import { formatCount } from "./figures";
import { Sources } from "./overview";
import type { RangeChoice } from "./range-picker";
import { TrendChart } from "./trend-chart";

const SHOWN = [
  { key: "views", label: "Views" },
  { key: "visitors", label: "Visitors" },
  { key: "engaged", label: "Engaged reads" },
] as const;

export function PostStats({ postId, choice }: { postId: string; choice: RangeChoice }) {
  const trpc = useTRPC();
  const stats = useQuery({ ...trpc.analytics.post.queryOptions({ postId, ...choice }), placeholderData: keepPreviousData });
  const [chosen, setChosen] = useState<(typeof SHOWN)[number]["key"]>("views");
  if (stats.isError) return <FormError message={uiError(stats.error).message} />;
  if (!stats.data) return <div role="status" aria-label="Loading figures" className="mt-6 h-72 animate-pulse rounded-2xl bg-line/50" />;
  const { current, series, sources, range } = stats.data;
  const cards: { label: string; value: string; key?: (typeof SHOWN)[number]["key"] }[] = [
    ...SHOWN.map((s) => ({ label: s.label, value: formatCount(current[s.key]), key: s.key })),
    { label: "Read-through", value: percent(current.engaged, current.views) },
    { label: "Free joins", value: formatCount(current.freeMembers) },
    { label: "Paid joins", value: formatCount(current.paidMembers) },
    { label: "Emails sent", value: formatCount(current.emailsSent) },
    { label: "Email click rate", value: percent(current.emailClicks, current.emailsSent) },
  ];
  const label = SHOWN.find((s) => s.key === chosen)!.label;
  return (
    <div className="mt-6" aria-busy={stats.isFetching}>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {cards.map((card) => (
          <li key={card.label}>
            {card.key ? (
              <button
                type="button"
                aria-pressed={chosen === card.key}
                onClick={() => setChosen(card.key!)}
                className="h-full w-full rounded-2xl border border-line bg-card p-3 text-left aria-pressed:border-ink aria-pressed:ring-1 aria-pressed:ring-ink"
              >
                <span className="block text-xs font-medium text-muted">{card.label}</span>
                <span className="mt-1 block text-xl font-bold tabular-nums">{card.value}</span>
              </button>
            ) : (
              <div className="h-full rounded-2xl border border-line bg-card p-3">
                <span className="block text-xs font-medium text-muted">{card.label}</span>
                <span className="mt-1 block text-xl font-bold tabular-nums">{card.value}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Panel
        id="timeline-title"
        title={`${label} over time`}
        className="mt-6"
        csv={{
          filename: `atelier-post-${stats.data.post.slug}-${range.current.from}-${range.current.to}.csv`,
          header: [range.bucket, "views", "visitors", "engaged_reads", "free_joins", "paid_joins", "emails_sent", "email_clicks"],
          rows: series.map((p) => [p.bucket, p.views, p.visitors, p.engaged, p.freeMembers, p.paidMembers, p.emailsSent, p.emailClicks]),
        }}
      >
        <TrendChart title={label} points={series.map((p) => ({ bucket: p.bucket, value: p[chosen] }))} format={formatCount} />
      </Panel>
      <div className="mt-6">
        <Sources sources={sources} from={range.current.from} to={range.current.to} />
      </div>
    </div>
  );
}
