"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * A timestamp in the viewer's own time zone. The server renders UTC (it cannot know the zone);
 * the browser swaps in local time after hydration without a mismatch warning.
 */
export function LocalTime({ date, withTime = false }: { date: Date | string; withTime?: boolean }) {
  const value = typeof date === "string" ? new Date(date) : date;
  const options: Intl.DateTimeFormatOptions = withTime
    ? { dateStyle: "medium", timeStyle: "short" }
    : { dateStyle: "medium" };
  const text = useSyncExternalStore(
    subscribe,
    () => value.toLocaleString(undefined, options),
    () => value.toLocaleString("en-GB", { ...options, timeZone: "UTC" }),
  );
  return <time dateTime={value.toISOString()}>{text}</time>;
}
