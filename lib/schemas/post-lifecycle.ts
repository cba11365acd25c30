// Inputs for moving a post through its lifecycle (schedule, unpublish, archive, trash, …), and the
// one conversion from a wall-clock time picked in the creator's zone to the UTC instant we store.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { postIdSchema } from "./post";
import { text } from "./text";

/** How long a trashed post can still be restored; after that it is purged for good. */
export const TRASH_RETENTION_DAYS = 30;
/** Far enough for any editorial calendar, near enough to catch a mistyped year. */
export const MAX_SCHEDULE_AHEAD_DAYS = 2 * 366;

const versionSchema = z.number().int().positive();

/**
 * An instant a person picks (a date filter, when a post turns public). No picker offers a year
 * outside 1000–9999, and past 9999 JavaScript writes dates in a form PostgreSQL cannot read.
 */
export const instantSchema = z
  .date()
  .min(new Date("1000-01-01T00:00:00Z"), "Pick a date after the year 1000.")
  .max(new Date("9999-12-31T23:59:59Z"), "Pick a date before the year 10000.");

/** `baseVersion` is what the editor saw; the library acts on the current version and may omit it. */
export const postTransitionInput = z.object({ id: postIdSchema, baseVersion: versionSchema.optional() }).strict();
export type PostTransitionInput = z.infer<typeof postTransitionInput>;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type ZonedTimeProblem = "format" | "zone" | "nonexistent";

/**
 * "2026-03-29T02:30" in "Europe/Berlin" → the UTC instant. A wall time that does not exist in
 * that zone (the hour skipped when clocks go forward) is refused rather than silently moved.
 */
export function zonedWallTimeToUtc(local: string, timeZone: string): Date | ZonedTimeProblem {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return "format";
  if (!isTimeZone(timeZone)) return "zone";
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return "format";
  }
  const zoned = new TZDate(year, month - 1, day, hour, minute, second, timeZone);
  if (Number.isNaN(zoned.getTime())) return "format";
  // A valid date whose wall time does not come back out is the hour the clocks skip.
  if (zoned.getHours() !== hour || zoned.getMinutes() !== minute) return "nonexistent";
  return new Date(zoned.getTime());
}

const ZONED_TIME_MESSAGES: Record<ZonedTimeProblem, string> = {
  format: "Pick a date and a time.",
  zone: "Your time zone was not recognised. Reload the page and try again.",
  nonexistent: "That time does not exist on that day in your time zone (the clocks change). Pick another time.",
};

/**
 * What the schedule dialog sends: the wall time the creator picked and their browser's zone.
 * Parsed into `{ id, baseVersion, at }`, the shape the service takes.
 */
export const schedulePostInput = z
  .object({
    id: postIdSchema,
    baseVersion: versionSchema.optional(),
    at: text().max(40),
    timeZone: text().min(1).max(64),
  })
  .strict()
  .transform((input, ctx) => {
    const at = zonedWallTimeToUtc(input.at, input.timeZone);
    if (!(at instanceof Date)) {
      ctx.addIssue({ code: "custom", path: ["at"], message: ZONED_TIME_MESSAGES[at] });
      return z.NEVER;
    }
    return { id: input.id, baseVersion: input.baseVersion, at };
  });
export type SchedulePostInput = z.input<typeof schedulePostInput>;
