// Random inputs shaped like a zod schema, for property tests that throw hostile text at the
// procedures: every string a schema takes comes from `strings`, so NUL bytes, other control
// characters and lone surrogates reach each field, next to well-formed text and real ids.
import { fc } from "@fast-check/vitest";
import type { z } from "zod";

/** Characters that have broken requests before: NUL, controls, lone surrogates, bidi overrides. */
const HOSTILE = ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\ud800", "\udfff", "\u202e", "\ufeff", "\uffff"];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** One unit of hostile text: a printable grapheme most of the time, anything else some of it. */
const unit = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 2 },
  { arbitrary: loneSurrogate, weight: 1 },
);

/** Text of any kind, short enough to pass most length limits so the characters are what gets judged. */
export const hostileText = fc.string({ unit, maxLength: 24 });

/** `known` values (ids, handles, slugs that exist) as they are, or with a hostile character inside. */
export function hostileOrKnown(known: () => readonly string[]): fc.Arbitrary<string> {
  const pick = fc.nat().map((i) => {
    const values = known();
    return values.length ? values[i % values.length]! : "";
  });
  const spoiled = fc
    .tuple(pick, fc.constantFrom(...HOSTILE), fc.nat())
    .map(([value, bad, at]) => value.slice(0, at % (value.length + 1)) + bad + value.slice(at % (value.length + 1)));
  return fc.oneof({ arbitrary: hostileText, weight: 3 }, { arbitrary: pick, weight: 2 }, { arbitrary: spoiled, weight: 2 });
}

/** A post body with hostile text in it, or any JSON at all. */
function hostileDocument(strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const text = fc.record({ type: fc.constant("text"), text: strings });
  const link = fc.record({
    type: fc.constant("text"),
    text: fc.constant("link"),
    marks: fc.tuple(fc.record({ type: fc.constant("link"), attrs: fc.record({ href: strings.map((s) => `https://example.com/${s}`) }) })),
  });
  const paragraph = fc.record({ type: fc.constant("paragraph"), content: fc.array(fc.oneof(text, link), { minLength: 1, maxLength: 3 }) });
  const heading = fc.record({ type: fc.constant("heading"), attrs: fc.record({ level: fc.constant(2) }), content: fc.tuple(text) });
  const doc = fc.record({ type: fc.constant("doc"), content: fc.array(fc.oneof(paragraph, heading), { minLength: 1, maxLength: 3 }) });
  return fc.oneof({ arbitrary: doc, weight: 4 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 });
}

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * Values shaped like what `schema` accepts, with every string drawn from `strings`. Lengths,
 * patterns and ranges are ignored on purpose: breaking them is a refusal the test wants to see too.
 */
export function inputFor(schema: z.ZodType, strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
      return strings;
    case "number":
    case "int":
      // Past what an integer column holds, too.
      return fc.oneof(fc.integer({ min: -2, max: 120 }), fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER), fc.double());
    case "boolean":
      return fc.boolean();
    case "date":
      return fc.date();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries!));
    case "literal":
      return fc.constantFrom(...def.values!);
    case "object":
      return fc.record(Object.fromEntries(Object.entries(def.shape!).map(([key, field]) => [key, inputFor(field, strings)])));
    case "array":
      return fc.array(inputFor(def.element!, strings), { maxLength: 3 });
    case "optional":
    case "default":
    case "prefault":
      return fc.option(inputFor(def.innerType!, strings), { nil: undefined, freq: 4 });
    case "nullable":
      return fc.option(inputFor(def.innerType!, strings), { nil: null, freq: 4 });
    case "pipe":
      return inputFor(def.in!, strings);
    case "union":
      return fc.oneof(...def.options!.map((option) => inputFor(option, strings)));
    case "unknown":
    case "any":
      return hostileDocument(strings);
    default:
      throw new Error(`No random input for a zod "${def.type}" yet: add it to test/input-arbitrary.ts.`);
  }
}
