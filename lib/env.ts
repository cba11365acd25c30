// How an environment variable is described and checked: a rule for its value and the default used
// when it is unset. Pure: db/env.ts and server/env.ts, the only modules that read process.env, hand
// it in. A set is checked all at once, so one message names every bad variable.
import { z } from "zod";

export type Variable<T> = {
  /** The value used when the variable is unset or empty; the README's table states the same. */
  default?: string;
  rule: z.ZodType<T>;
};

export type VariableSet = Record<string, Variable<unknown>>;

export type EnvOf<S extends VariableSet> = { readonly [K in keyof S]: S[K] extends Variable<infer T> ? T : never };

export type EnvProblem = { name: string; message: string };

/** The configuration cannot be used. The message names each variable, never its value (it may be a secret). */
export class InvalidEnvError extends Error {
  constructor(readonly problems: EnvProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.name} ${p.message}`).join("; ")}.`);
    this.name = "InvalidEnvError";
  }
}

export function optionalText(): Variable<string | undefined> {
  return { rule: z.string().optional() };
}

export function textWithDefault(fallback: string): Variable<string> {
  return { default: fallback, rule: z.string() };
}

/** A URL with one of `protocols` (without the colon), e.g. ["http", "https"]. */
export function optionalUrl(protocols: readonly string[], example: string): Variable<string | undefined> {
  const protocol = new RegExp(`^(${protocols.join("|")})$`);
  return { rule: z.url({ protocol, error: `must be a URL like ${example}` }).optional() };
}

export function wholeNumber(fallback: number, { min, max }: { min: number; max: number }): Variable<number> {
  const message = `must be a whole number from ${min} to ${max}`;
  return {
    default: String(fallback),
    rule: z
      .string()
      .regex(/^\d+$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message)),
  };
}

type Source = Readonly<Record<string, string | undefined>>;

export function parseEnv<S extends VariableSet>(variables: S, source: Source): EnvOf<S> {
  const values: Record<string, unknown> = {};
  const problems: EnvProblem[] = [];
  for (const [name, variable] of Object.entries(variables)) {
    // NOTE: empty counts as unset, so `MEDIA_DIR= npm start` or a blank line in an env file
    // means "the default", not an empty path or a secret of zero characters.
    const raw = source[name]?.trim() || variable.default;
    const result = variable.rule.safeParse(raw);
    if (result.success) values[name] = result.data;
    else problems.push({ name, message: result.error.issues[0]?.message ?? "is not valid" });
  }
  if (problems.length > 0) throw new InvalidEnvError(problems);
  return values as EnvOf<S>;
}

/**
 * A reader for `variables` that checks them on first use, not at import (`next build` evaluates
 * modules without production settings), and again only when a value changed: tests and the e2e
 * fixtures set variables after modules are loaded. An unchanged environment costs one comparison.
 */
export function envReader<S extends VariableSet>(variables: S, source: () => Source): () => EnvOf<S> {
  const names = Object.keys(variables);
  let last: { key: string; env: EnvOf<S> } | undefined;
  return () => {
    const current = source();
    const key = JSON.stringify(names.map((name) => current[name] ?? null));
    if (last?.key !== key) last = { key, env: parseEnv(variables, current) };
    return last.env;
  };
}
