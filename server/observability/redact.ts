// What a log line may not carry, taken out before it is written: values under secret or content
// keys (anywhere in the logged object), and, inside any text, email addresses, credentials in URLs,
// tokens and signatures in query strings and links, bearer tokens, and the parameters Drizzle puts
// in a failed query's message. Pure code: log.ts applies it to every line.

export const REDACTED = "[redacted]";

/**
 * Keys whose values never reach a log line, compared in lower case. Secrets: passwords, tokens,
 * cookies and authorization headers, signatures, card data. Content: a post's document and the
 * text or HTML made from it (mail bodies too), and a query's parameters, which hold whatever the
 * statement was about (a session token, an email, a post). Email addresses are not here: the
 * text rules below keep their domain, which is what an operator needs.
 */
const SECRET_KEYS = new Set([
  "password",
  "passwordhash",
  "secret",
  "token",
  "cookie",
  "cookies",
  "set-cookie",
  "authorization",
  "proxy-authorization",
  "apikey",
  "api_key",
  "x-api-key",
  "privatekey",
  "private_key",
  "signature",
  "sig",
  "card",
  "cardnumber",
  "card_number",
  "cvc",
  "cvv",
  "iban",
  "body",
  "document",
  "html",
  "text",
  "content",
  "params",
  "parameters",
]);

/** sessionToken, csrfToken, webhookSecret, newPassword, X-Amz-Signature… */
const SECRET_SUFFIX = /(?:token|secret|password|signature)$/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || SECRET_SUFFIX.test(key);
}

/** Deeper than this, a logged object is cut: nothing worth logging nests further. */
const MAX_DEPTH = 8;

/**
 * `value` with secret keys' values replaced and errors turned into plain objects by `serializeError`
 * (so their own fields are walked too). Builds new objects; never changes the caller's.
 */
export function redactFields(value: unknown, serializeError: (error: Error) => object, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date || value instanceof URL) return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  const source = value instanceof Error ? serializeError(value) : value;
  if (Array.isArray(source)) return source.map((item) => redactFields(item, serializeError, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    copy[key] = isSecretKey(key) ? REDACTED : redactFields(item, serializeError, depth + 1, seen);
  }
  return copy;
}

type TextRule = {
  /** A cheap test that the rule could apply, so the common line skips its expression. */
  hint: (text: string) => boolean;
  pattern: RegExp;
  replacement: string;
};

// NOTE: the rules run on the finished JSON line (a newline is the two characters \n there), so a
// value ends at a quote or a backslash (an escape): a replacement never crosses out of the string
// it is in, and the line stays valid JSON.
const TEXT_RULES: TextRule[] = [
  {
    // postgres://atelier:hunter2@db:5432, smtps://user:pass@smtp.example.com
    hint: (text) => text.includes("://"),
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"\\]+@/gi,
    replacement: `$1${REDACTED}@`,
  },
  {
    hint: (text) => /bearer/i.test(text),
    pattern: /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi,
    replacement: `$1 ${REDACTED}`,
  },
  {
    // Sign-in and sign-up links (token=, email=), signed media (exp=, sig=), OAuth callbacks
    // (code=, state=), cloud signatures (X-Amz-Signature=, X-Amz-Credential=) and cookies
    // (authjs.session-token=): the name stays, so the line still says what was there.
    hint: (text) => text.includes("="),
    pattern: /\b([\w.-]*(?:token|secret|password|signature|credential)|sig|exp|expires|email|code|state|key|api_key|apikey)=[^&;#\s"\\<>]*/gi,
    replacement: `$1=${REDACTED}`,
  },
  {
    // The address is the token: /api/unsubscribe/<token>, /account/unsubscribe/<token>, /feeds/<token>.xml.
    hint: (text) => text.includes("unsubscribe/") || text.includes("feeds/"),
    pattern: /(\/unsubscribe\/|\/feeds\/)[^/?#\s"\\]+/g,
    replacement: `$1${REDACTED}`,
  },
  {
    // Drizzle's "Failed query: …\nparams: <every parameter>", up to the stack's first frame or
    // the string's end (escaped quotes inside a JSON parameter are part of it).
    hint: (text) => text.includes("params: "),
    pattern: /(\\nparams: )(?:[^"\\]|\\(?!n\s*at )[\s\S])*/g,
    replacement: `$1${REDACTED}`,
  },
  {
    // jane.doe@example.com → j…@example.com: the domain says which provider bounced or refused.
    hint: (text) => text.includes("@"),
    pattern: /([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g,
    replacement: "$1…@$2",
  },
  {
    // The same, URL-encoded (jane%40example.com) in a link's query or path.
    hint: (text) => text.includes("%40"),
    pattern: /([A-Za-z0-9_+-])[A-Za-z0-9._+-]*%40([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g,
    replacement: "$1…%40$2",
  },
];

/** A serialized JSON log line with email addresses, credentials, tokens and query parameters taken out. */
export function redactLine(text: string): string {
  let result = text;
  for (const rule of TEXT_RULES) {
    if (rule.hint(result)) result = result.replace(rule.pattern, rule.replacement);
  }
  return result;
}
