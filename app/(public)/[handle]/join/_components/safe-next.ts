import { isSameSitePath } from "@/lib/schemas/membership";

/** Only same-site paths, so a crafted join link cannot send a new member to another site. */
export function safeNext(value: string | string[] | undefined, fallback: string): string {
  const path = typeof value === "string" ? value : "";
  return isSameSitePath(path) ? path : fallback;
}
