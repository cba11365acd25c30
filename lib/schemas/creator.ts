// Creator page inputs, shared by the setup/settings form and the procedures.
import { z } from "zod";
import { HANDLE_PROBLEM_MESSAGES, handleProblem } from "../handle";
import { text } from "./text";

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
  })
  .strict();

export const handleAvailabilityInput = z.object({ handle: text().max(100) }).strict();

export const creatorByHandleInput = z.object({ handle: text().max(64) }).strict();

export type CreatorProfileInput = z.infer<typeof creatorProfileInput>;
