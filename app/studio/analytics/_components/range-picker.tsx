"use client";
// The period a dashboard shows: a preset, or two days of the creator's choosing. Kept in the
// address, so a view can be bookmarked and Back works.
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import type { AnalyticsRange } from "@/lib/schemas/analytics";

const PRESETS: { range: AnalyticsRange; label: string }[] = [
  { range: "7d", label: "7 days" },
  { range: "30d", label: "30 days" },
  { range: "90d", label: "90 days" },
  { range: "12m", label: "12 months" },
  { range: "all", label: "All time" },
];

export type RangeChoice = { range: AnalyticsRange; from?: string; to?: string };

export function RangePicker({ value, today }: { value: RangeChoice; today: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [custom, setCustom] = useState(value.range === "custom");
  const [from, setFrom] = useState(value.from ?? "");
  const [to, setTo] = useState(value.to ?? today);
  const [error, setError] = useState<string | null>(null);
  const go = (choice: RangeChoice) => {
    const params = new URLSearchParams({ range: choice.range, ...(choice.from ? { from: choice.from } : {}), ...(choice.to ? { to: choice.to } : {}) });
    router.replace(`${pathname}?${params}`, { scroll: false });
  };
  return (
    <div className="flex flex-col gap-2">
      <div role="group" aria-label="Period" className="flex flex-wrap gap-1">
        {PRESETS.map((preset) => (
          <button
            key={preset.range}
            type="button"
            aria-pressed={!custom && value.range === preset.range}
            onClick={() => {
              setCustom(false);
              go({ range: preset.range });
            }}
            className="rounded-full border border-line px-3 py-1 text-sm aria-pressed:border-ink aria-pressed:bg-ink aria-pressed:text-white"
          >
            {preset.label}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom}
          aria-expanded={custom}
          onClick={() => setCustom(true)}
          className="rounded-full border border-line px-3 py-1 text-sm aria-pressed:border-ink aria-pressed:bg-ink aria-pressed:text-white"
        >
          Custom…
        </button>
      </div>
      {custom && (
        <form
          className="flex flex-wrap items-end gap-2 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            if (!from || !to) return setError("Choose the first and the last day.");
            if (from > to) return setError("The first day comes before the last.");
            setError(null);
            go({ range: "custom", from, to });
          }}
        >
          <label className="flex flex-col">
            <span className="font-medium">From</span>
            <input
              type="date"
              value={from}
              max={today}
              onChange={(e) => setFrom(e.target.value)}
              aria-invalid={error !== null}
              aria-describedby={error ? "range-error" : undefined}
              className="rounded-lg border border-line bg-card px-2 py-1"
            />
          </label>
          <label className="flex flex-col">
            <span className="font-medium">To</span>
            <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} className="rounded-lg border border-line bg-card px-2 py-1" />
          </label>
          <button type="submit" className="rounded-full bg-ink px-3 py-1 font-medium text-white">
            Show
          </button>
          {error && (
            <p id="range-error" role="alert" className="w-full text-danger">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
