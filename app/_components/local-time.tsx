"use client";
// Dates and times as every page shows them. One format, built here from numbers rather than left
// to the locale data of whichever runtime renders (Node's and the browser's differ, and a browser
// set to another language formats differently again), so a date reads the same on the server and
// after JavaScript loads. The zone is the viewer's when a page knows it (TimeZoneProvider, fed
// from a cookie the browser sets), otherwise UTC, said so; never swapped in after hydration.
import { createContext, useContext, useEffect, type ReactNode } from "react";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export type InstantFormat = {
  /** Add the time of day ("5 Mar 2026, 14:07"). */
  withTime?: boolean;
  /** Only the time of day ("14:07"). */
  timeOnly?: boolean;
  /** Weekday and the month written out ("Thursday 5 March 2026"), for a moment being chosen. */
  long?: boolean;
  /** IANA zone to read the instant in; UTC (and said so next to a time) when unknown. */
  timeZone?: string | null;
};

/** One formatter per zone: building one loads the zone's rules, which costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock numbers of `date` in `timeZone`, from the one part of Intl that does not vary. */
function wallClock(date: Date, timeZone: string) {
  // NOTE: UTC, the zone of every public page, needs no Intl at all. Intl's first formatter loads its
  // locale and zone data, a long task of its own while the page hydrates on a phone.
  if (timeZone === "UTC") {
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    return { year, month, day, hour: date.getUTCHours(), minute: date.getUTCMinutes(), weekday: date.getUTCDay() };
  }
  const parts = formatterFor(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const [year, month, day] = [part("year"), part("month"), part("day")];
  return { year, month, day, hour: part("hour") % 24, minute: part("minute"), weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** `date` as Atelier writes it: "5 Mar 2026", "5 Mar 2026, 14:07", "14:07" or "Thursday 5 March 2026, 14:07". */
export function formatInstant(date: Date, format: InstantFormat = {}): string {
  const zone = format.timeZone ?? "UTC";
  const wall = wallClock(date, zone);
  const time = `${pad(wall.hour)}:${pad(wall.minute)}${format.timeZone ? "" : " UTC"}`;
  if (format.timeOnly) return time;
  const month = MONTHS[wall.month - 1]!;
  const day = format.long ? `${WEEKDAYS[wall.weekday]} ${wall.day} ${month} ${wall.year}` : `${wall.day} ${month.slice(0, 3)} ${wall.year}`;
  return format.withTime || format.long ? `${day}, ${time}` : day;
}

const ZoneContext = createContext<string | null>(null);

/** The zone dates are shown in on this page: the viewer's when the page knows it, else null (UTC). */
export function useDisplayZone(): string | null {
  return useContext(ZoneContext);
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Shows the dates below it in `zone`, the zone the server read from the `rememberAs` cookie (null
 * when it has none yet). It writes the browser's own zone to that cookie when it differs, so the
 * next page the server renders is in the viewer's zone — the dates on this one stay as rendered.
 */
export function TimeZoneProvider({ zone, rememberAs, children }: { zone: string | null; rememberAs: string; children: ReactNode }) {
  useEffect(() => {
    const own = browserTimeZone();
    // Zone names are plain cookie characters (letters, digits, "/", "_", "+", "-"): written as they are.
    if (own && own !== zone) document.cookie = `${rememberAs}=${own}; path=/; max-age=31536000; samesite=lax`;
  }, [zone, rememberAs]);
  return <ZoneContext value={zone}>{children}</ZoneContext>;
}

/** An instant in the page's zone, the same text on the server and in the browser. */
export function LocalTime({ date, withTime = false }: { date: Date | string; withTime?: boolean }) {
  const zone = useDisplayZone();
  const value = typeof date === "string" ? new Date(date) : date;
  return <time dateTime={value.toISOString()}>{formatInstant(value, { withTime, timeZone: zone })}</time>;
}
