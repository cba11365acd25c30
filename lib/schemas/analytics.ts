// What the dashboards are asked for: a range of the creator's days.
import { z } from "zod";
import { isTimeZone } from "./post-lifecycle";
import { text } from "./text";

export const ANALYTICS_RANGES = ["7d", "30d", "90d", "12m", "all", "custom"] as const;
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number];

const LONGEST_RANGE_DAYS = 3660;

const day = text().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-29.");

export const analyticsRangeInput = z
  .object({
    range: z.enum(ANALYTICS_RANGES).default("30d"),
    /** For a custom range: the first and last day, inclusive, in the creator's time zone. */
    from: day.optional(),
    to: day.optional(),
  })
  .strict()
  .refine((input) => input.range !== "custom" || (input.from !== undefined && input.to !== undefined), {
    message: "Choose the first and the last day.",
    path: ["from"],
  })
  .refine((input) => input.range !== "custom" || input.from! <= input.to!, { message: "The first day comes before the last.", path: ["to"] })
  .refine((input) => input.range !== "custom" || Date.parse(input.to!) - Date.parse(input.from!) <= LONGEST_RANGE_DAYS * 86_400_000, {
    message: "Choose at most ten years.",
    path: ["from"],
  });

export const postAnalyticsInput = z
  .object({ postId: text().min(1).max(64), range: z.enum(ANALYTICS_RANGES).default("all"), from: day.optional(), to: day.optional() })
  .strict();

export const analyticsTimeZoneInput = z
  .object({ timeZone: text().max(64).refine(isTimeZone, "Choose a time zone from the list.") })
  .strict();

export type AnalyticsRangeInput = z.input<typeof analyticsRangeInput>;
