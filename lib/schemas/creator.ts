// Creator page inputs, shared by the setup/settings form and the procedures.
import { z } from "zod";
import { CREATOR_CATEGORY_SLUGS } from "../creator-categories";
import { isSafeUrl } from "../document/url";
import { HANDLE_PROBLEM_MESSAGES, handleProblem } from "../handle";
import { PAGE_LANGUAGE_CONFIGS } from "../languages";
import { text } from "./text";

/** The creator's other places on the web a page links to: a few, not a directory. */
export const MAX_CREATOR_LINKS = 5;

const linkSchema = text()
  .trim()
  .max(300, "Keep each link under 300 characters.")
  .refine((url) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url) && isSafeUrl(url, { allowRelative: false }), "Links start with https:// (or http://) and name a website.");

export const handleSchema = text()
  .trim()
  .transform((h) => h.toLowerCase())
  .superRefine((handle, ctx) => {
    const problem = handleProblem(handle);
    if (problem) ctx.addIssue({ code: "custom", message: HANDLE_PROBLEM_MESSAGES[problem] });
  });

export const creatorProfileInput = z
  .object({
    handle: handleSchema,
    displayName: text().trim().min(1, "Give your page a name.").max(80, "Use at most 80 characters."),
    tagline: text().trim().max(140, "Keep the tagline under 140 characters.").default(""),
    about: text().trim().max(5000, "Keep the about text under 5,000 characters.").default(""),
    links: z.array(linkSchema).max(MAX_CREATOR_LINKS, `Add at most ${MAX_CREATOR_LINKS} links.`).default([]),
    /** Left out: unchanged. Null: none. */
    avatarMediaId: text().max(64).nullable().optional(),
    bannerMediaId: text().max(64).nullable().optional(),
  })
  .strict();

/** Where explore lists the page, whether it is for adults only, and the language its posts are in. */
export const creatorListingInput = z
  .object({
    /** Null: no category (the page is in explore's lists, under none of its categories). */
    category: z.enum(CREATOR_CATEGORY_SLUGS, "Choose a category from the list, or none.").nullable(),
    adultsOnly: z.boolean(),
    language: z.enum(PAGE_LANGUAGE_CONFIGS, "Choose a language from the list."),
  })
  .strict();

export type CreatorListing = z.infer<typeof creatorListingInput>;

export const featuredPostInput = z.object({ postId: text().max(64).nullable() }).strict();

export const handleAvailabilityInput = z.object({ handle: text().max(100) }).strict();

export const creatorByHandleInput = z.object({ handle: text().max(64) }).strict();

/** What a caller sends (links may be left out). */
export type CreatorProfileInput = z.input<typeof creatorProfileInput>;
/** The profile as the form edits it. */
export type CreatorProfile = z.infer<typeof creatorProfileInput>;
