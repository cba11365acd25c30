"use client";
// Members and money: recurring revenue now and what moved it, the way from visitor to paid
// member, each tier's members and takings, and how long members stay by the month they joined.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { percent } from "@/lib/analytics";
import { formatMoney } from "@/lib/money";
import { Panel } from "./panel";
import { formatCount } from "./figures";
import type { RangeChoice } from "./range-picker";
import { bucketLabel } from "./trend-chart";

function Card({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <li className="rounded-2xl border border-line bg-card p-3">
      <span className="block text-xs font-medium text-muted">{label}</span>
      <span className="mt-1 block text-xl font-bold tabular-nums">{value}</span>
      {note && <span className="mt-1 block text-xs text-muted">{note}</span>}
    </li>
  );
}

export function Earnings({ choice }: { choice: RangeChoice }) {
  const trpc = useTRPC();
  const earnings = useQuery({ ...trpc.analytics.earnings.queryOptions(choice), placeholderData: keepPreviousData });
  if (earnings.isError) return <FormError message={uiError(earnings.error).message} />;
  if (!earnings.data) return <div role="status" aria-label="Loading figures" className="mt-6 h-72 animate-pulse rounded-2xl bg-line/50" />;
  const data = earnings.data;
  const money = (minor: number) => formatMoney(minor, data.currency);
  const signed = (minor: number) => `${minor > 0 ? "+" : minor < 0 ? "−" : ""}${money(Math.abs(minor))}`;
  const { from, to } = data.range.current;
  const movements = [
    { label: "New paid members", value: data.movements.new },
    { label: "Upgrades", value: data.movements.upgrades },
    { label: "Downgrades", value: data.movements.downgrades },
    { label: "Ended memberships", value: data.movements.churn },
  ];
  const net = movements.reduce((sum, m) => sum + m.value, 0);
  return (
    <div className="mt-6" aria-busy={earnings.isFetching}>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Card label="Monthly recurring revenue" value={money(data.mrr)} note={data.mrrEnding > 0 ? `${money(data.mrrEnding)} of it ends with cancelled periods` : "now"} />
        <Card label="Paying members" value={formatCount(data.paidMembers)} note="now" />
        <Card label="Collected in the period" value={money(data.revenue)} />
        <Card label="Failed payments" value={formatCount(data.paymentFailures)} note="in the period" />
      </ul>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Panel
          id="movements-title"
          title="What moved recurring revenue"
          csv={{
            filename: `atelier-mrr-movements-${from}-${to}.csv`,
            header: ["movement", "mrr_change_minor", "currency"],
            rows: [...movements.map((m) => [m.label, m.value, data.currency]), ["Net change", net, data.currency]],
          }}
        >
          <table className="mt-2 w-full text-left text-sm">
            <caption className="sr-only">Changes in monthly recurring revenue in the period, by cause</caption>
            <tbody>
              {movements.map((m) => (
                <tr key={m.label} className="border-t border-line first:border-0">
                  <th scope="row" className="py-1 font-normal">
                    {m.label}
                  </th>
                  <td className={`py-1 text-right tabular-nums ${m.value < 0 ? "text-danger" : m.value > 0 ? "text-ok" : ""}`}>{signed(m.value)}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-ink">
                <th scope="row" className="py-1 font-semibold">
                  Net change
                </th>
                <td className="py-1 text-right font-semibold tabular-nums">{signed(net)}</td>
              </tr>
            </tbody>
          </table>
        </Panel>

        <Panel id="funnel-title" title="From visitor to member" csv={{ filename: `atelier-funnel-${from}-${to}.csv`, header: ["step", "people"], rows: [
                ["visitors", data.funnel.visitors],
                ["joined_free", data.funnel.freeMembers],
                ["joined_paid", data.funnel.paidMembers],
              ] }}>
          <ol className="mt-3 space-y-2 text-sm">
            {[
              { label: "Visitors", value: data.funnel.visitors, share: "" },
              { label: "Joined free", value: data.funnel.freeMembers, share: percent(data.funnel.freeMembers, data.funnel.visitors) },
              { label: "Joined paid", value: data.funnel.paidMembers, share: percent(data.funnel.paidMembers, data.funnel.visitors) },
            ].map((step) => (
              <li key={step.label}>
                <div className="flex justify-between">
                  <span>{step.label}</span>
                  <span className="tabular-nums">
                    {formatCount(step.value)}
                    {step.share && <span className="text-muted"> · {step.share} of visitors</span>}
                  </span>
                </div>
                <div aria-hidden className="mt-1 h-2 rounded-full bg-paper">
                  <div
                    className="h-2 rounded-full bg-accent"
                    style={{ width: `${data.funnel.visitors > 0 ? Math.max(1, Math.round((step.value / data.funnel.visitors) * 100)) : 0}%` }}
                  />
                </div>
              </li>
            ))}
          </ol>
        </Panel>
      </div>

      <Panel
        id="tiers-title"
        title="Tiers"
        className="mt-6"
        csv={{
          filename: `atelier-tiers-${from}-${to}.csv`,
          header: ["tier", "monthly_price_minor", "members_now", "joined", "left", "collected_minor", "currency"],
          rows: data.tiers.map((t) => [t.name, t.monthlyPrice, t.members, t.joined, t.left, t.revenue, data.currency]),
        }}
      >
        {data.tiers.length === 0 ? (
          <p className="mt-2 text-sm text-muted">Create tiers under Tiers: each one gets a row here with its members and what it brought in.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">Members and money by tier, in the period</caption>
              <thead className="text-muted">
                <tr>
                  <th scope="col" className="py-1 font-medium">Tier</th>
                  <th scope="col" className="py-1 pl-3 text-right font-medium">Members now</th>
                  <th scope="col" className="py-1 pl-3 text-right font-medium">Joined</th>
                  <th scope="col" className="py-1 pl-3 text-right font-medium">Left</th>
                  <th scope="col" className="py-1 pl-3 text-right font-medium">Collected</th>
                </tr>
              </thead>
              <tbody>
                {data.tiers.map((t) => (
                  <tr key={t.tierId} className="border-t border-line">
                    <td className="py-1">
                      {t.name} <span className="text-muted">· {t.monthlyPrice === 0 ? "free" : `${money(t.monthlyPrice)} / month`}</span>
                    </td>
                    <td className="py-1 pl-3 text-right tabular-nums">{formatCount(t.members)}</td>
                    <td className="py-1 pl-3 text-right tabular-nums">{formatCount(t.joined)}</td>
                    <td className="py-1 pl-3 text-right tabular-nums">{formatCount(t.left)}</td>
                    <td className="py-1 pl-3 text-right tabular-nums">{money(t.revenue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>

      <Panel
        id="retention-title"
        title="How long members stay"
        className="mt-6"
        csv={{
          filename: "atelier-retention.csv",
          header: ["joined_in", "members", ...data.retention[0]?.retained.map((_, i) => `after_month_${i}`) ?? []],
          rows: data.retention.map((c) => [c.cohort, c.joined, ...c.retained.map((r) => (r === null ? "" : Math.round(r * 1000) / 10))]),
        }}
      >
        <p className="mt-1 text-sm text-muted">By the month members joined: the share still a member at the end of each month since (the month running counts until today).</p>
        {data.retention.length === 0 ? (
          <p className="mt-2 text-sm text-muted">Nobody has joined in the last twelve months yet.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full min-w-[40rem] text-center text-xs">
              <caption className="sr-only">Share of members still members, by the month they joined and months since</caption>
              <thead className="text-muted">
                <tr>
                  <th scope="col" className="py-1 text-left font-medium">Joined</th>
                  <th scope="col" className="py-1 font-medium">Members</th>
                  {data.retention[0]!.retained.map((_, i) => (
                    <th key={i} scope="col" className="py-1 font-medium">
                      <span className="sr-only">after month </span>
                      {i}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.retention.map((c) => (
                  <tr key={c.cohort}>
                    <th scope="row" className="py-1 text-left font-normal">
                      {bucketLabel(c.cohort)}
                    </th>
                    <td className="py-1 tabular-nums">{formatCount(c.joined)}</td>
                    {c.retained.map((share, i) => (
                      <td key={i} className="p-0.5">
                        {share === null ? (
                          <span className="sr-only">not yet</span>
                        ) : (
                          <span
                            className="block rounded px-1 py-1 tabular-nums"
                            // Deeper for more members kept; light enough at its deepest for dark text to read.
                            style={{ backgroundColor: `rgba(180, 69, 31, ${0.06 + share * 0.4})`, color: "#1c1917" }}
                          >
                            {Math.round(share * 100)}%
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </div>
  );
}
