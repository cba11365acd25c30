// The period a dashboard page was asked for, from its address; anything unreadable is the default.
import { analyticsRangeInput } from "@/lib/schemas/analytics";
import type { RangeChoice } from "./range-picker";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function rangeChoice(searchParams: SearchParams, fallback: RangeChoice["range"]): Promise<{ choice: RangeChoice; query: string }> {
  const params = await searchParams;
  const one = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : undefined);
  const parsed = analyticsRangeInput.safeParse({ range: one("range") ?? fallback, from: one("from"), to: one("to") });
  const choice: RangeChoice = parsed.success
    ? { range: parsed.data.range, ...(parsed.data.range === "custom" ? { from: parsed.data.from, to: parsed.data.to } : {}) }
    : { range: fallback };
  const query = `?${new URLSearchParams({ range: choice.range, ...(choice.from ? { from: choice.from } : {}), ...(choice.to ? { to: choice.to } : {}) })}`;
  return { choice, query };
}
