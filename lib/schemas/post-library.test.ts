import { describe, expect, it } from "vitest";
import { libraryParamsToInput, libraryParamsToSearch, parseLibraryParams } from "./post-library";

describe("library filters in the URL", () => {
  it("round-trips through the query string", () => {
    const params = parseLibraryParams({
      q: " sourdough ",
      status: "scheduled",
      kind: "audio",
      tag: "tag-1",
      from: "2026-04-01",
      to: "2026-04-30",
      tz: "Europe/Berlin",
      sort: "title_asc",
    });
    expect(params).toEqual({
      q: "sourdough",
      status: "scheduled",
      kind: "audio",
      tag: "tag-1",
      from: "2026-04-01",
      to: "2026-04-30",
      tz: "Europe/Berlin",
      sort: "title_asc",
      cursor: undefined,
    });
    expect(parseLibraryParams(Object.fromEntries(new URLSearchParams(libraryParamsToSearch(params))))).toEqual(params);
  });

  it("drops what it does not understand instead of failing", () => {
    expect(parseLibraryParams({ status: "deleted", kind: "hologram", from: "yesterday", tz: "Mars/Base", sort: "random" })).toEqual({
      q: undefined,
      status: undefined,
      kind: undefined,
      tag: undefined,
      from: undefined,
      to: undefined,
      tz: undefined,
      sort: undefined,
      cursor: undefined,
    });
  });

  it("reads the picked days in the creator's zone, the end day included", () => {
    const input = libraryParamsToInput({ from: "2026-04-01", to: "2026-04-30", tz: "Europe/Berlin" });
    expect(input.from).toEqual(new Date("2026-03-31T22:00:00Z"));
    expect(input.to).toEqual(new Date("2026-04-30T22:00:00Z"));
    expect(libraryParamsToInput({ status: "draft" }, true)).toMatchObject({ status: ["draft"], trashed: true });
  });
});
