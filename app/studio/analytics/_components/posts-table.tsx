"use client";
// Every published post with its figures for the period, sorted by any column.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { percent } from "@/lib/analytics";
import type { PostFigures } from "@/server/services/analytics/dashboard";
import { CsvButton } from "./csv-button";
import { formatCount } from "./figures";
import type { RangeChoice } from "./range-picker";

type Column = { key: string; label: string; value: (post: PostFigures) => number | string; show?: (post: PostFigures) => string };

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : -1);

const COLUMNS: Column[] = [
  { key: "title", label: "Post", value: (p) => p.title.toLowerCase() },
  { key: "published", label: "Published", value: (p) => p.publishedAt?.toISOString() ?? "", show: (p) => p.publishedAt?.toISOString().slice(0, 10) ?? "" },
  { key: "views", label: "Views", value: (p) => p.views },
  { key: "visitors", label: "Visitors", value: (p) => p.visitors },
  { key: "engaged", label: "Engaged reads", value: (p) => p.engaged },
  { key: "readThrough", label: "Read-through", value: (p) => ratio(p.engaged, p.views), show: (p) => percent(p.engaged, p.views) },
  { key: "freeJoins", label: "Free joins", value: (p) => p.freeJoins },
  { key: "paidJoins", label: "Paid joins", value: (p) => p.paidJoins },
  { key: "emailsSent", label: "Emails sent", value: (p) => p.emailsSent },
  { key: "clickRate", label: "Click rate", value: (p) => ratio(p.emailClicks, p.emailsSent), show: (p) => percent(p.emailClicks, p.emailsSent) },
];

export function PostsTable({ choice }: { choice: RangeChoice }) {
  const trpc = useTRPC();
  const result = useQuery({ ...trpc.analytics.posts.queryOptions(choice), placeholderData: keepPreviousData });
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: "published", descending: true });
  const rows = useMemo(() => {
    const column = COLUMNS.find((c) => c.key === sort.key)!;
    const sorted = [...(result.data?.posts ?? [])].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return sort.descending ? sorted.reverse() : sorted;
  }, [result.data, sort]);
  if (result.isError) return <FormError message={uiError(result.error).message} />;
  if (!result.data) {
    return <div role="status" aria-label="Loading posts" className="mt-6 h-64 animate-pulse rounded-2xl bg-line/50" />;
  }
  if (rows.length === 0) {
    return (
      <div className="mt-6 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
        <p className="font-medium text-ink">No published posts yet.</p>
        <p className="mt-1">Each post you publish gets a row here with its views, reads, joins and emails.</p>
        <Link href="/studio/posts/new" className="mt-3 inline-block font-medium text-accent-strong underline">
          Write a post
        </Link>
      </div>
    );
  }
  const { from, to } = result.data.range.current;
  return (
    <div className="mt-6" aria-busy={result.isFetching}>
      <div className="flex justify-end">
        <CsvButton
          filename={`atelier-posts-${from}-${to}.csv`}
          header={["title", "published", "views", "visitors", "engaged_reads", "free_joins", "paid_joins", "emails_sent", "email_clicks", "url_path"]}
          rows={rows.map((p) => [p.title, p.publishedAt?.toISOString() ?? "", p.views, p.visitors, p.engaged, p.freeJoins, p.paidJoins, p.emailsSent, p.emailClicks, p.slug])}
        />
      </div>
      <div className="mt-2 overflow-x-auto rounded-2xl border border-line bg-card">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <caption className="sr-only">Posts and their figures from {from} to {to}; the column headers sort the table</caption>
          <thead className="border-b border-line text-muted">
            <tr>
              {COLUMNS.map((column, index) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : undefined}
                  className={`px-3 py-2 font-medium ${index > 1 ? "text-right" : ""}`}
                >
                  <button
                    type="button"
                    onClick={() => setSort((s) => ({ key: column.key, descending: s.key === column.key ? !s.descending : column.key !== "title" }))}
                    className="hover:text-ink"
                  >
                    {column.label}
                    <span aria-hidden>{sort.key === column.key ? (sort.descending ? " ↓" : " ↑") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((post) => (
              <tr key={post.id} className="border-b border-line last:border-0">
                <td className="max-w-[18rem] px-3 py-2">
                  <Link href={`/studio/analytics/posts/${post.id}`} className="font-medium underline-offset-2 hover:underline">
                    {post.title || "Untitled"}
                  </Link>
                </td>
                {COLUMNS.slice(1).map((column, index) => (
                  <td key={column.key} className={`px-3 py-2 tabular-nums ${index > 0 ? "text-right" : "whitespace-nowrap"}`}>
                    {column.show ? column.show(post) : formatCount(column.value(post) as number)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
