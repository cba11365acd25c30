import { sameSitePathOr } from "@/lib/same-site-path";

/** Only same-site paths, so a crafted join link cannot send a new member to another site. */
export function safeNext(value: string | string[] | undefined, fallback: string): string {
  return sameSitePathOr(value, fallback);
}
