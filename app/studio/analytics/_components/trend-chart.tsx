"use client";
// One figure over time: an area chart drawn in the browser (the chart library measures the page),
// with the same points as a table for screen readers and for anyone who wants the numbers.
import { useSyncExternalStore } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type Point = { bucket: string; value: number };

const noChanges = () => () => {};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03-29" → "29 Mar"; "2026-03" → "Mar 2026". Written out, not by locale: server and browser agree. */
export function bucketLabel(bucket: string): string {
  const [year, month, day] = bucket.split("-");
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name}` : `${name} ${year}`;
}

export function TrendChart({ title, points, format }: { title: string; points: Point[]; format: (value: number) => string }) {
  // False on the server and while hydrating, true once in the browser: the chart measures the page.
  const drawn = useSyncExternalStore(noChanges, () => true, () => false);
  return (
    <figure className="mt-4">
      <figcaption className="sr-only">{title} over the period</figcaption>
      <div className="h-56 sm:h-64" aria-hidden>
        {drawn ? (
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={points.map((point) => ({ ...point, label: bucketLabel(point.bucket) }))} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e7e5e4" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#57534e" }} tickLine={false} axisLine={false} minTickGap={24} />
              <YAxis tickFormatter={(value: number) => format(value)} tick={{ fontSize: 12, fill: "#57534e" }} tickLine={false} axisLine={false} width={56} allowDecimals={false} />
              <Tooltip
                formatter={(value) => [format(Number(value)), title]}
                contentStyle={{ borderRadius: 12, borderColor: "#e7e5e4", fontSize: 13 }}
              />
              <Area type="monotone" dataKey="value" stroke="#b4451f" strokeWidth={2} fill="#fbeee8" isAnimationActive={false} />
            </AreaChart>
          </ResponsiveContainer>
        ) : (
          <div className="h-full animate-pulse rounded-xl bg-line/50" />
        )}
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-muted">Show as a table</summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-xl border border-line">
          <table className="w-full text-left">
            <caption className="sr-only">{title} by {points[0]?.bucket.length === 7 ? "month" : "day"}</caption>
            <thead className="sticky top-0 bg-card text-muted">
              <tr>
                <th scope="col" className="px-3 py-1 font-medium">{points[0]?.bucket.length === 7 ? "Month" : "Day"}</th>
                <th scope="col" className="px-3 py-1 text-right font-medium">{title}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.bucket} className="border-t border-line">
                  <td className="px-3 py-1">{point.bucket}</td>
                  <td className="px-3 py-1 text-right tabular-nums">{format(point.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
