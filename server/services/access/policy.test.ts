// The access policy as a truth table: every level against every kind of viewer, plus the edges
// (early access opening, lapsed and past-due memberships, hidden states).
import { describe, expect, it } from "vitest";
import {
  cheapestQualifyingTier,
  decidePostVisibility,
  PAST_DUE_GRACE_MS,
  type AccessViewer,
  type Entitlement,
  type PostAccessFacts,
  type PostVisibility,
} from "./policy";

const NOW = new Date("2026-06-15T12:00:00Z");
const LATER = new Date("2026-07-15T12:00:00Z");
const EARLIER = new Date("2026-05-15T12:00:00Z");

const CREATOR = "creator-a";
const OTHER_CREATOR = "creator-b";
const FREE = "tier-free";
const SUPPORTER = "tier-supporter";
const PATRON = "tier-patron";

function member(tierId: string, paid: boolean, overrides: Partial<Entitlement> = {}): Entitlement {
  return { creatorId: CREATOR, tierId, paid, status: "active", currentPeriodEnd: paid ? LATER : null, ...overrides };
}

function viewer(entitlements: Entitlement[] = [], creatorId: string | null = null): AccessViewer {
  return { userId: "user", creatorId, entitlements };
}

const VIEWERS: Record<string, AccessViewer> = {
  anonymous: null,
  "signed-in non-member": viewer(),
  "free member": viewer([member(FREE, false)]),
  "supporter (paid)": viewer([member(SUPPORTER, true)]),
  "patron (paid)": viewer([member(PATRON, true)]),
  "lapsed patron": viewer([member(PATRON, true, { status: "cancelling", currentPeriodEnd: EARLIER })]),
  "expired patron": viewer([member(PATRON, true, { status: "expired", currentPeriodEnd: LATER })]),
  "patron of another creator": viewer([member(PATRON, true, { creatorId: OTHER_CREATOR })]),
  "the creator": viewer([], CREATOR),
  "another creator": viewer([], OTHER_CREATOR),
};

const POSTS: Record<string, PostAccessFacts> = {
  public: { creatorId: CREATOR, status: "published", access: "public" },
  members: { creatorId: CREATOR, status: "published", access: "members" },
  paid: { creatorId: CREATOR, status: "published", access: "paid" },
  "tiers [patron]": { creatorId: CREATOR, status: "published", access: "tiers", tierIds: [PATRON] },
  "early access [patron], not yet public": {
    creatorId: CREATOR,
    status: "published",
    access: "early_access",
    tierIds: [PATRON],
    publicAt: LATER,
  },
  "early access [patron], now public": {
    creatorId: CREATOR,
    status: "published",
    access: "early_access",
    tierIds: [PATRON],
    publicAt: EARLIER,
  },
};

// Rows: posts; columns: viewers in the order of VIEWERS. F = full, T = teaser.
const F: PostVisibility = "full";
const T: PostVisibility = "teaser";
const TABLE: Record<string, PostVisibility[]> = {
  //                                        anon sign free supp patr laps expd othr crea ocre
  public:                                  [F,   F,   F,   F,   F,   F,   F,   F,   F,   F],
  members:                                 [T,   T,   F,   F,   F,   T,   T,   T,   F,   T],
  paid:                                    [T,   T,   T,   F,   F,   T,   T,   T,   F,   T],
  "tiers [patron]":                        [T,   T,   T,   T,   F,   T,   T,   T,   F,   T],
  "early access [patron], not yet public": [T,   T,   T,   T,   F,   T,   T,   T,   F,   T],
  "early access [patron], now public":     [F,   F,   F,   F,   F,   F,   F,   F,   F,   F],
};

describe("the access policy truth table", () => {
  const viewerNames = Object.keys(VIEWERS);
  for (const [postName, expected] of Object.entries(TABLE)) {
    viewerNames.forEach((viewerName, column) => {
      it(`${postName} × ${viewerName} → ${expected[column]}`, () => {
        expect(decidePostVisibility(POSTS[postName]!, VIEWERS[viewerName]!, NOW)).toBe(expected[column]);
      });
    });
  }
});

describe("states nobody but the creator sees", () => {
  const hiddenStates: PostAccessFacts[] = [
    { creatorId: CREATOR, status: "draft", access: "public" },
    { creatorId: CREATOR, status: "scheduled", access: "public" },
    { creatorId: CREATOR, status: "archived", access: "public" },
    { creatorId: CREATOR, status: "published", access: "public", deletedAt: EARLIER },
  ];

  it("hides drafts, scheduled, archived and deleted posts from everyone else, members included", () => {
    for (const post of hiddenStates) {
      for (const [name, v] of Object.entries(VIEWERS)) {
        if (name === "the creator") continue;
        expect(decidePostVisibility(post, v, NOW), `${post.status} for ${name}`).toBe("hidden");
      }
    }
  });

  it("shows them whole to their creator", () => {
    for (const post of hiddenStates) expect(decidePostVisibility(post, VIEWERS["the creator"]!, NOW)).toBe("full");
  });
});

describe("edges", () => {
  it("keeps early access closed when no date was set", () => {
    const post: PostAccessFacts = { creatorId: CREATOR, status: "published", access: "early_access", tierIds: [PATRON], publicAt: null };
    expect(decidePostVisibility(post, null, NOW)).toBe("teaser");
  });

  it("opens early access exactly at its date", () => {
    const post: PostAccessFacts = { creatorId: CREATOR, status: "published", access: "early_access", tierIds: [], publicAt: NOW };
    expect(decidePostVisibility(post, null, new Date(NOW.getTime() - 1))).toBe("teaser");
    expect(decidePostVisibility(post, null, NOW)).toBe("full");
  });

  it("ends a cancelled membership's access at its period end, not before", () => {
    const cancelling = viewer([member(SUPPORTER, true, { status: "cancelling", currentPeriodEnd: NOW })]);
    expect(decidePostVisibility(POSTS.paid!, cancelling, new Date(NOW.getTime() - 1))).toBe("full");
    expect(decidePostVisibility(POSTS.paid!, cancelling, NOW)).toBe("teaser");
  });

  it("gives a past-due member a short grace after the period end, then nothing", () => {
    const pastDue = viewer([member(SUPPORTER, true, { status: "past_due", currentPeriodEnd: NOW })]);
    expect(decidePostVisibility(POSTS.paid!, pastDue, new Date(NOW.getTime() + PAST_DUE_GRACE_MS - 1))).toBe("full");
    expect(decidePostVisibility(POSTS.paid!, pastDue, new Date(NOW.getTime() + PAST_DUE_GRACE_MS))).toBe("teaser");
  });

  it("lets no tier in when a tiers post has none selected", () => {
    const post: PostAccessFacts = { creatorId: CREATOR, status: "published", access: "tiers" };
    expect(decidePostVisibility(post, VIEWERS["patron (paid)"]!, NOW)).toBe("teaser");
  });

  it("fails closed on an access level it does not know", () => {
    const post = { creatorId: CREATOR, status: "published", access: "vip" } as unknown as PostAccessFacts;
    expect(decidePostVisibility(post, VIEWERS["patron (paid)"]!, NOW)).toBe("teaser");
  });
});

describe("the cheapest tier that unlocks a post", () => {
  const tiers = [
    { id: PATRON, monthlyPrice: 1500, position: 2 },
    { id: FREE, monthlyPrice: 0, position: 0 },
    { id: SUPPORTER, monthlyPrice: 500, position: 1 },
  ];

  it("offers the free tier for members posts, the cheapest paid tier for paid ones, a selected tier otherwise", () => {
    expect(cheapestQualifyingTier(POSTS.members!, tiers)?.id).toBe(FREE);
    expect(cheapestQualifyingTier(POSTS.paid!, tiers)?.id).toBe(SUPPORTER);
    expect(cheapestQualifyingTier(POSTS["tiers [patron]"]!, tiers)?.id).toBe(PATRON);
    expect(cheapestQualifyingTier({ access: "tiers", tierIds: [] }, tiers)).toBeNull();
  });
});
