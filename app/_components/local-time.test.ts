// The one date format: built from numbers, so Node and every browser write the same text.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { formatInstant } from "./local-time";

const instant = new Date("2026-03-05T14:07:00Z");

describe("formatInstant", () => {
  it("writes a date, a date with its time, a time and a long date the same way everywhere", () => {
    expect(formatInstant(instant, { timeZone: "Europe/Berlin" })).toBe("5 Mar 2026");
    expect(formatInstant(instant, { withTime: true, timeZone: "Europe/Berlin" })).toBe("5 Mar 2026, 15:07");
    expect(formatInstant(instant, { timeOnly: true, timeZone: "Asia/Tokyo" })).toBe("23:07");
    expect(formatInstant(instant, { long: true, timeZone: "America/New_York" })).toBe("Thursday 5 March 2026, 09:07");
  });

  it("reads the instant in the zone given, the day included", () => {
    const lateEvening = new Date("2026-03-05T23:30:00Z");
    expect(formatInstant(lateEvening, { timeZone: "Asia/Tokyo" })).toBe("6 Mar 2026");
    expect(formatInstant(lateEvening, { withTime: true, timeZone: "America/Los_Angeles" })).toBe("5 Mar 2026, 15:30");
  });

  it("says UTC next to a time when the viewer's zone is not known", () => {
    expect(formatInstant(instant, { withTime: true })).toBe("5 Mar 2026, 14:07 UTC");
    expect(formatInstant(instant, { withTime: true, timeZone: null })).toBe("5 Mar 2026, 14:07 UTC");
    expect(formatInstant(instant)).toBe("5 Mar 2026");
  });

  // UTC is read from the date itself, without Intl; Etc/UTC, the same zone by another name, goes through Intl.
  test.prop([fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-12-31T23:59:59Z"), noInvalidDate: true })])(
    "reads UTC as Intl does",
    (date) => {
      expect(formatInstant(date, { long: true, timeZone: "UTC" })).toBe(formatInstant(date, { long: true, timeZone: "Etc/UTC" }));
    },
  );

  it("writes midnight as 00:00", () => {
    expect(formatInstant(new Date("2026-01-01T00:00:00Z"), { withTime: true, timeZone: "UTC" })).toBe("1 Jan 2026, 00:00");
  });
});
