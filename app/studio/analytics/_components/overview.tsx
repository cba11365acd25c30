"use client";
// The creator's morning view: each figure for the period beside the one before, one chart at a
// time (choose it by its card), where readers came from, which posts brought members, and who is
// reading right now.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { percent, sourceLabel } from "@/lib/analytics";
import { Panel } from "./panel";
import { changeLabel, FIGURES, formatCount, formatterFor, type FigureKey } from "./figures";
import type { RangeChoice } from "./range-picker";
import { TrendChart } from "./trend-chart";

/** The readers-now count and the day's figures are asked for again this often while the page is open. */
const REFRESH_MS = 60_000;

export function Overview({ choice }: { choice: RangeChoice }) {
  const trpc = useTRPC();
  const overview = useQuery({ ...trpc.analytics.overview.queryOptions(choice), placeholderData: keepPreviousData, refetchInterval: REFRESH_MS });
  const [chosen, setChosen] = useState<FigureKey>("visitors");
  if (overview.isError) return <FormError message={uiError(overview.error).message} />;
  if (!overview.data) return <OverviewSkeleton />;
  const data = overview.data;
  const figure = FIGURES.find((f) => f.key === chosen)!;
  const format = formatterFor(figure, data.currency);
  const periodWords = data.range.range === "all" ? "" : `vs the ${dayCount(data.range.current)} days before`;
  const nothingYet = data.current.views === 0 && data.current.freeMembers === 0 && data.current.paidMembers === 0 && data.current.cancellations === 0;
  return (
    <div className="mt-6" aria-busy={overview.isFetching}>
      <p className="flex items-center gap-2 text-sm" aria-live="polite">
        <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${data.readersNow > 0 ? "bg-ok" : "bg-line"}`} />
        <span>
          <strong className="tabular-nums">{formatCount(data.readersNow)}</strong> {data.readersNow === 1 ? "reader" : "readers"} right now
        </span>
      </p>
      <ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {FIGURES.map((f) => {
          const value = data.current[f.key];
          const before = data.previous?.[f.key];
          const change = before === undefined ? "" : changeLabel(value, before);
          const good = change.startsWith("+") ? f.upIsGood : change.startsWith("−") ? !f.upIsGood : null;
          return (
            <li key={f.key}>
              <button
                type="button"
                aria-pressed={chosen === f.key}
                onClick={() => setChosen(f.key)}
                className="h-full w-full rounded-2xl border border-line bg-card p-3 text-left aria-pressed:border-ink aria-pressed:ring-1 aria-pressed:ring-ink"
              >
                <span className="block text-xs font-medium text-muted">{f.label}</span>
                <span className="mt-1 block text-xl font-bold tabular-nums">{formatterFor(f, data.currency)(value)}</span>
                {before !== undefined && (
                  <span className="mt-1 block text-xs text-muted">
                    {change && <span className={good === null ? "" : good ? "font-medium text-ok" : "font-medium text-danger"}>{change} </span>}
                    <span className="tabular-nums">({formatterFor(f, data.currency)(before)} before)</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {periodWords && <p className="mt-2 text-xs text-muted">Changes compare {periodWords}.</p>}
      {nothingYet ? (
        <div className="mt-6 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          <p className="font-medium text-ink">No readers counted in this period yet.</p>
          <p className="mt-1">
            Views are counted when someone else opens your public pages, and show here within five minutes. Share a post, or choose a longer period.
          </p>
          <Link href="/studio/posts" className="mt-3 inline-block font-medium text-accent-strong underline">
            Go to your posts
          </Link>
        </div>
      ) : (
        <Panel
          id="trend-title"
          title={figure.label}
          className="mt-6"
          csv={{
            filename: `atelier-overview-${data.range.current.from}-${data.range.current.to}.csv`,
            header: [data.range.bucket, ...FIGURES.map((f) => f.key)],
            rows: data.series.map((point) => [point.bucket, ...FIGURES.map((f) => point[f.key])]),
          }}
        >
          <TrendChart title={figure.label} points={data.series.map((point) => ({ bucket: point.bucket, value: point[figure.key] }))} format={format} />
        </Panel>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Sources sources={data.sources} from={data.range.current.from} to={data.range.current.to} feedFetches={data.current.feedFetches} />
        <Panel
          id="joins-title"
          title="Posts that brought members"
          csv={{
            filename: `atelier-joins-by-post-${data.range.current.from}-${data.range.current.to}.csv`,
            header: ["post", "free_joins", "paid_joins"],
            rows: data.joinsByPost.map((row) => [row.title, row.free, row.paid]),
          }}
        >
          {data.joinsByPost.length === 0 ? (
            <p className="mt-2 text-sm text-muted">When someone joins from a post’s “Join” button, the post is credited here.</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Members who joined from each post</caption>
              <thead className="text-muted">
                <tr>
                  <th scope="col" className="py-1 font-medium">Post</th>
                  <th scope="col" className="py-1 pl-3 text-right font-medium">Free</th>
                  <th scope="col" className="py-1 pl-3 text-right font-medium">Paid</th>
                </tr>
              </thead>
              <tbody>
                {data.joinsByPost.map((row) => (
                  <tr key={row.postId} className="border-t border-line">
                    <td className="py-1 pr-2">
                      <Link href={`/studio/analytics/posts/${row.postId}`} className="underline">
                        {row.title || "Untitled"}
                      </Link>
                    </td>
                    <td className="py-1 pl-3 text-right tabular-nums">{formatCount(row.free)}</td>
                    <td className="py-1 pl-3 text-right tabular-nums">{formatCount(row.paid)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      <p className="mt-6 text-xs text-muted">
        Days run midnight to midnight in {data.timeZone}. Figures are updated every five minutes; visitors are counted without cookies, once per day.
      </p>
    </div>
  );
}

function dayCount(period: { from: string; to: string }): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}

export function Sources({
  sources,
  from,
  to,
  feedFetches,
}: {
  sources: { source: string; referrer: string; campaign: string; views: number }[];
  from: string;
  to: string;
  /** Times feed readers fetched the creator's feed, on the overview. */
  feedFetches?: number;
}) {
  const total = sources.reduce((sum, row) => sum + row.views, 0);
  return (
    <Panel
      id="sources-title"
      title="Where readers came from"
      csv={{
        filename: `atelier-sources-${from}-${to}.csv`,
        header: ["source", "site_or_campaign_source", "campaign", "views"],
        rows: sources.map((row) => [row.source, row.referrer, row.campaign, row.views]),
      }}
    >
      {sources.length === 0 ? (
        <p className="mt-2 text-sm text-muted">Sources appear once readers arrive: search engines, social sites, your emails, campaigns (utm_ tags) and Atelier’s own pages.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Views by source</caption>
          <thead className="text-muted">
            <tr>
              <th scope="col" className="py-1 font-medium">Source</th>
              <th scope="col" className="py-1 pl-3 text-right font-medium">Views</th>
              <th scope="col" className="py-1 pl-3 text-right font-medium">Share</th>
            </tr>
          </thead>
          <tbody>
            {sources.slice(0, 15).map((row) => (
              <tr key={`${row.source} ${row.referrer} ${row.campaign}`} className="border-t border-line">
                <td className="py-1 pr-2">
                  {sourceLabel(row.source)}
                  {(row.referrer || row.campaign) && <span className="text-muted"> · {[row.referrer, row.campaign].filter(Boolean).join(" / ")}</span>}
                </td>
                <td className="py-1 pl-3 text-right tabular-nums">{formatCount(row.views)}</td>
                <td className="py-1 pl-3 text-right tabular-nums">{percent(row.views, total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {feedFetches !== undefined && feedFetches > 0 && (
        <p className="mt-3 text-sm text-muted">
          Feed readers fetched your feed <span className="tabular-nums">{formatCount(feedFetches)}</span> {feedFetches === 1 ? "time" : "times"}; visits from its links count as Feeds above.
        </p>
      )}
    </Panel>
  );
}

export function OverviewSkeleton() {
  return (
    <div className="mt-6" role="status" aria-label="Loading figures">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
        {FIGURES.map((f) => (
          <div key={f.key} className="h-20 animate-pulse rounded-2xl bg-line/50" />
        ))}
      </div>
      <div className="mt-6 h-72 animate-pulse rounded-2xl bg-line/50" />
    </div>
  );
}
