// Creator handles: the rules from the public URL contract, shared by the form and the server.

/** Top-level path names the app owns; a creator page can never shadow them. */
export const RESERVED_HANDLES = new Set([
  "studio", "explore", "search", "login", "logout", "signup", "register", "api", "feeds", "feed",
  "settings", "_next", "static", "public", "assets", "media", "admin", "help", "about", "terms",
  "privacy", "sitemap", "robots", "dev", "auth", "account", "home", "join", "new", "posts",
  "creators", "www", "mail", "support", "status", "health", "atelier", "favicon",
]);

export const HANDLE_PATTERN = /^[a-z0-9-]{3,30}$/;

export type HandleProblem = "too_short" | "too_long" | "bad_characters" | "edge_hyphen" | "reserved";

export function handleProblem(handle: string): HandleProblem | null {
  if (handle.length < 3) return "too_short";
  if (handle.length > 30) return "too_long";
  if (!HANDLE_PATTERN.test(handle)) return "bad_characters";
  if (handle.startsWith("-") || handle.endsWith("-")) return "edge_hyphen";
  if (RESERVED_HANDLES.has(handle)) return "reserved";
  return null;
}

export const HANDLE_PROBLEM_MESSAGES: Record<HandleProblem, string> = {
  too_short: "Use at least 3 characters.",
  too_long: "Use at most 30 characters.",
  bad_characters: "Use only lowercase letters, digits and hyphens.",
  edge_hyphen: "A handle cannot start or end with a hyphen.",
  reserved: "That name is reserved by Atelier. Try another.",
};

/** A best-effort handle suggestion from a display name. */
export function suggestHandle(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/g, "");
}
