// Email preferences: the membership page's per-creator toggle and the one-click unsubscribe link.
import { z } from "zod";
import { idSchema, text } from "./text";

export const setCreatorEmailsInput = z
  .object({ creatorId: idSchema, enabled: z.boolean() })
  .strict();

/** A signed token from an email; its shape is checked here, its signature by the service. */
export const unsubscribeTokenSchema = text()
  .trim()
  .min(1, "This unsubscribe link is incomplete. Open it again from the email.")
  .max(512, "This unsubscribe link is not valid. Open it again from the email.");

export const unsubscribeInput = z.object({ token: unsubscribeTokenSchema }).strict();

export type SetCreatorEmailsInput = z.input<typeof setCreatorEmailsInput>;
