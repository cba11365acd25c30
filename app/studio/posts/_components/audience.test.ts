// Who can read a post, in the words every part of the studio uses.
import { describe, expect, it } from "vitest";
import { audienceLabel, belowTheBreak, whoReads } from "./audience";

const silver = { id: "s", name: "Silver" };
const gold = { id: "g", name: "Gold" };

describe("audience words", () => {
  it("names the chosen tiers, in order, joined with or", () => {
    expect(audienceLabel({ access: "tiers", tiers: [silver, gold] })).toBe("Silver or Gold");
    expect(whoReads({ access: "tiers", tiers: [silver, gold] })).toBe("Members of Silver or Gold");
    expect(belowTheBreak({ access: "tiers", tiers: [gold] })).toBe("Below: only members of Gold");
    expect(audienceLabel({ access: "early_access", tiers: [gold] })).toBe("Early access: Gold");
  });

  it("warns on the break of a public post, and says who reads below it otherwise", () => {
    expect(belowTheBreak({ access: "public", tiers: [] })).toBe("Everyone can read below: this post is public");
    expect(belowTheBreak({ access: "paid", tiers: [silver] })).toBe("Below: paid members only");
    expect(belowTheBreak({ access: "members", tiers: [] })).toBe("Below: members only, free and paid");
    expect(audienceLabel({ access: "public", tiers: [] })).toBe("Public");
  });

  it("says when no tier is chosen yet rather than naming no one", () => {
    expect(audienceLabel({ access: "tiers", tiers: [] })).toBe("No tiers chosen");
    expect(whoReads({ access: "tiers", tiers: [] })).toBe("No one yet (choose a tier)");
  });
});
