import { describe, expect, it } from "vitest";
import { instantSchema, schedulePostInput, zonedWallTimeToUtc } from "./post-lifecycle";

describe("zonedWallTimeToUtc", () => {
  it("reads the wall time in the creator's zone and gives the UTC instant", () => {
    expect(zonedWallTimeToUtc("2026-12-01T09:00", "Europe/Berlin")).toEqual(new Date("2026-12-01T08:00:00Z"));
    expect(zonedWallTimeToUtc("2026-07-01T09:00", "Europe/Berlin")).toEqual(new Date("2026-07-01T07:00:00Z"));
    expect(zonedWallTimeToUtc("2026-07-01T09:00:30", "America/New_York")).toEqual(new Date("2026-07-01T13:00:30Z"));
    expect(zonedWallTimeToUtc("2026-07-01T09:00", "UTC")).toEqual(new Date("2026-07-01T09:00:00Z"));
  });

  it("refuses the hour the clocks skip instead of moving it", () => {
    expect(zonedWallTimeToUtc("2026-03-29T02:30", "Europe/Berlin")).toBe("nonexistent");
  });

  it("refuses impossible dates, malformed text and unknown zones", () => {
    expect(zonedWallTimeToUtc("2026-02-30T10:00", "Europe/Berlin")).toBe("format");
    expect(zonedWallTimeToUtc("2026-13-01T10:00", "Europe/Berlin")).toBe("format");
    expect(zonedWallTimeToUtc("tomorrow at ten", "Europe/Berlin")).toBe("format");
    expect(zonedWallTimeToUtc("2026-07-01T09:00", "Mars/Olympus")).toBe("zone");
  });
});

describe("schedulePostInput", () => {
  it("turns the dialog's fields into the instant the service stores", () => {
    const parsed = schedulePostInput.parse({ id: "p1", baseVersion: 3, at: "2026-12-01T09:00", timeZone: "Asia/Tokyo" });
    expect(parsed).toEqual({ id: "p1", baseVersion: 3, at: new Date("2026-12-01T00:00:00Z") });
  });

  it("puts a plain-words problem on the date-time field", () => {
    const result = schedulePostInput.safeParse({ id: "p1", at: "2026-03-29T02:30", timeZone: "Europe/Berlin" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["at"], message: expect.stringContaining("clocks change") });
  });

  it("rejects unknown fields", () => {
    expect(schedulePostInput.safeParse({ id: "p1", at: "2026-12-01T09:00", timeZone: "UTC", status: "published" }).success).toBe(false);
  });
});

describe("instantSchema", () => {
  it("takes any date a picker offers and refuses years no picker does, in plain words", () => {
    expect(instantSchema.parse(new Date("2026-12-01T09:00:00Z"))).toEqual(new Date("2026-12-01T09:00:00Z"));
    const far = instantSchema.safeParse(new Date("+010000-01-01T00:00:00Z"));
    expect(far.error?.issues[0]?.message).toBe("Pick a date before the year 10000.");
    expect(instantSchema.safeParse(new Date("0099-01-01T00:00:00Z")).success).toBe(false);
    expect(instantSchema.safeParse(new Date(Number.NaN)).success).toBe(false);
  });
});
