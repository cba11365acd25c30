// Every environment variable the app reads, with its rule and default, in one list: the README's
// configuration table is checked against it (env.test.ts) and start-up refuses a bad value with a
// message naming the variable. Read on first use, so `next build` needs no production settings.
// The database's variables live in db/env.ts (db/ may not import server/) and are part of this list.
import "server-only";
import { isIP } from "node:net";
import { z } from "zod";
import { databaseVariables } from "@/db/env";
import { envReader, InvalidEnvError, optionalText, optionalUrl, textWithDefault, wholeNumber, type Variable } from "@/lib/env";
// NOTE: log.ts reads LOG_LEVEL from here when it first logs; neither uses the other at import.
import { log } from "./observability/log";

/** The samplers OTEL_TRACES_SAMPLER may name (the OpenTelemetry specification's names). */
export const TRACE_SAMPLERS = [
  "always_on",
  "always_off",
  "traceidratio",
  "parentbased_always_on",
  "parentbased_always_off",
  "parentbased_traceidratio",
] as const;

export const variables = {
  ...databaseVariables,
  AUTH_SECRET: optionalText(),
  AUTH_URL: optionalUrl(["http", "https"], "https://atelier.example"),
  SMTP_URL: optionalUrl(["smtp", "smtps"], "smtps://user:pass@smtp.example.com:465"),
  MAIL_FROM: textWithDefault("Atelier <no-reply@localhost>"),
  AUTH_GITHUB_ID: optionalText(),
  AUTH_GITHUB_SECRET: optionalText(),
  AUTH_GOOGLE_ID: optionalText(),
  AUTH_GOOGLE_SECRET: optionalText(),
  MEDIA_DIR: optionalText(),
  STRIPE_SECRET_KEY: optionalText(),
  STRIPE_WEBHOOK_SECRET: optionalText(),
  STRIPE_API_BASE: optionalUrl(["http", "https"], "http://127.0.0.1:12111"),
  TRUSTED_PROXY_HOPS: wholeNumber(0, { min: 0, max: 10 }),
  // Raw analytics events are rolled up within minutes; the rollups are kept forever.
  ANALYTICS_RAW_DAYS: wholeNumber(30, { min: 1, max: 3650 }),
  // Beacons on a port of their own, outside the app's request pipeline (0: off; the reverse proxy
  // sends POST /api/events there, see deploy/nginx/atelier.conf).
  ANALYTICS_INGEST_PORT: wholeNumber(0, { min: 0, max: 65535 }),
  ANALYTICS_INGEST_HOST: textWithDefault("127.0.0.1"),
  // A guessable token would open the metrics to anyone: refuse short ones.
  METRICS_TOKEN: secretText(16, "must be at least 16 characters (openssl rand -hex 24)"),
  METRICS_ALLOW: commaList(isAddressOrRange, "must be addresses or CIDR ranges separated by commas, like 10.0.0.0/8,::1"),
  OPERATOR_EMAILS: commaList((entry) => /^[^\s@]+@[^\s@]+$/.test(entry), "must be email addresses separated by commas"),
  REDIS_URL: optionalUrl(["redis", "rediss"], "redis://127.0.0.1:6379"),
  // Read by server/cache/page-store.mjs itself (it runs outside the bundle); checked and documented here.
  PAGE_CACHE_MEMORY_MB: wholeNumber(64, { min: 1, max: 65536 }),
  PAGE_CACHE_NAMESPACE: optionalText(),
  LOG_LEVEL: oneOf(["trace", "debug", "info", "warn", "error", "fatal", "silent"], "info"),
  // Read by the OpenTelemetry SDK itself; checked and documented here. Unset: no tracing at all.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(["http", "https"], "http://127.0.0.1:4318"),
  // Which traces are kept, as the OpenTelemetry specification names the samplers; the argument is
  // the share kept by the ratio samplers. Read here: Atelier builds the sampler (tracing.ts).
  OTEL_TRACES_SAMPLER: oneOf(TRACE_SAMPLERS, "parentbased_always_on"),
  OTEL_TRACES_SAMPLER_ARG: share(1),
};

function share(fallback: number): Variable<number> {
  const message = "must be a number from 0 to 1, like 0.1";
  return { default: String(fallback), rule: z.string().regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, message).transform(Number) };
}

function oneOf<const T extends string>(values: readonly T[], fallback: T): Variable<T> {
  return { default: fallback, rule: z.enum(values as [T, ...T[]], { error: `must be one of ${values.join(", ")}` }) };
}

function secretText(minLength: number, message: string): Variable<string | undefined> {
  return { rule: z.string().min(minLength, message).optional() };
}

/** "a, b,c" read as ["a", "b", "c"] (unset: none), every entry passing `valid`. */
function commaList(valid: (entry: string) => boolean, message: string): Variable<string[]> {
  return {
    rule: z
      .string()
      .optional()
      .transform((list) => (list ?? "").split(",").map((entry) => entry.trim()).filter(Boolean))
      .refine((entries) => entries.every(valid), message),
  };
}

/** 192.0.2.7, ::1, 10.0.0.0/8 or 2001:db8::/32. */
function isAddressOrRange(entry: string): boolean {
  const [address = "", bits, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
  return prefix >= 0 && prefix <= (family === 4 ? 32 : 128);
}

export type Env = ReturnType<typeof env>;

/** The checked configuration; throws InvalidEnvError naming every bad variable. */
export const env = envReader(variables, () => process.env);

// NODE_ENV is not a setting of ours: Next sets it (and inlines it into bundles) for dev, build and
// start. Read here too, so this stays the one module that looks at process.env.
export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}

export function isDevelopment(): boolean {
  return process.env.NODE_ENV === "development";
}

/** Vitest's runs (it sets NODE_ENV to "test"); never a deployment. */
export function isTest(): boolean {
  return process.env.NODE_ENV === "test";
}

/** At start-up: a bad value stops the server with every bad variable named, before it serves. */
export function checkEnvAtStart(): void {
  let checked: Env;
  try {
    checked = env();
  } catch (error) {
    if (!(error instanceof InvalidEnvError)) throw error;
    const lines = error.problems.map((problem) => `    ${problem.name} ${problem.message}`);
    // NOTE: words for the person starting the server, in the terminal or the service's status, not
    // a log line: the server stops here, before it has logged or served anything.
    console.error(`\n  Atelier cannot start: fix these settings (see the README's configuration table).\n${lines.join("\n")}\n`);
    process.exit(1);
  }
  if (isProduction() && !checked.AUTH_URL) {
    log.warn("AUTH_URL is not set: links in emails and feeds, the sitemap and Stripe's return addresses use the development address instead");
  }
}
