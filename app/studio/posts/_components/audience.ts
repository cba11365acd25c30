// Who can read a post, in words: one vocabulary for the editor's header, the paywall break, the
// publish step and the library, so the creator reads the same thing wherever access shows.
import type { AccessLevel } from "@/lib/schemas/post-access";

export type Audience = {
  access: AccessLevel;
  /** The tiers that can read it (chosen ones; for "paid", the paid tiers); may be empty. */
  tiers: { id: string; name: string }[];
};

/** "Silver", "Silver or Gold", "Silver, Gold or Patron". */
export function tierList(tiers: { name: string }[]): string {
  return new Intl.ListFormat("en-GB", { type: "disjunction" }).format(tiers.map((tier) => tier.name));
}

export const ACCESS_LABEL: Record<AccessLevel, string> = {
  public: "Public",
  members: "All members",
  paid: "Paid members",
  tiers: "Selected tiers",
  early_access: "Early access",
};

/** A short label for a badge or a button: "Public", "Paid members", "Silver or Gold". */
export function audienceLabel({ access, tiers }: Audience): string {
  if (access === "tiers") return tiers.length ? tierList(tiers) : "No tiers chosen";
  if (access === "early_access") return tiers.length ? `Early access: ${tierList(tiers)}` : "Early access";
  return ACCESS_LABEL[access];
}

/** Who reads the whole post, as a sentence's subject: "Everyone", "Members of Silver or Gold". */
export function whoReads({ access, tiers }: Audience): string {
  switch (access) {
    case "public":
      return "Everyone";
    case "members":
      return "All your members, free and paid,";
    case "paid":
      return tiers.length ? `Paid members (${tierList(tiers)})` : "Paid members";
    case "tiers":
    case "early_access":
      return tiers.length ? `Members of ${tierList(tiers)}` : "No one yet (choose a tier)";
  }
}

/** What the paywall break says about the part below it. */
export function belowTheBreak({ access, tiers }: Audience): string {
  const chosen = tiers.length ? `members of ${tierList(tiers)}` : "the tiers you choose";
  switch (access) {
    case "public":
      return "Everyone can read below: this post is public";
    case "members":
      return "Below: members only, free and paid";
    case "paid":
      return "Below: paid members only";
    case "tiers":
      return `Below: only ${chosen}`;
    case "early_access":
      return `Below: ${chosen} first, then everyone`;
  }
}
