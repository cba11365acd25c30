// Validation of post bodies on every write: size and depth limits, the schema's node, mark and
// attribute allow-lists, safe link URLs, media ids and embeds, one top-level paywall break, text
// the database can store, then ProseMirror's own content rules. Never throws.
import { Node as ProseMirrorNode, type Schema } from "@tiptap/pm/model";

import { isStorableText } from "../schemas/text";
import { documentSchema, ORDERED_LIST_TYPES } from "./extensions";
import { NODE_ATTRIBUTE_RULES, NODE_CHECKS, type AttrRule, type AttrValue } from "./node-rules";
import { isSafeUrl, urlScheme } from "./url";

export { isSafeUrl, type UrlPolicy } from "./url";

export const DOCUMENT_LIMITS = { maxBytes: 2_000_000, maxDepth: 40, maxNodes: 100_000 } as const;

export type { AttrValue } from "./node-rules";
export type DocumentMark = { type: string; attrs?: Record<string, AttrValue> };
export type DocumentNode = {
  type: string;
  attrs?: Record<string, AttrValue>;
  content?: DocumentNode[];
  marks?: DocumentMark[];
  text?: string;
};
export type PostDocument = { type: "doc"; content?: DocumentNode[] };

export type DocumentProblemCode =
  | "too_large"
  | "too_deep"
  | "not_a_document"
  | "unknown_node"
  | "unknown_mark"
  | "bad_attribute"
  | "unsafe_url"
  | "bad_character"
  | "invalid_structure";

export type DocumentProblem = { ok: false; code: DocumentProblemCode; message: string };
export type DocumentValidation = { ok: true; doc: PostDocument } | DocumentProblem;

const NODE_KEYS = new Set(["type", "content", "text", "marks", "attrs"]);
const MARK_KEYS = new Set(["type", "attrs"]);

// Each document level is an object plus its content array, and a mark's attrs sit two containers
// below its node, so no valid document nests JSON containers deeper than this.
const MAX_JSON_DEPTH = DOCUMENT_LIMITS.maxDepth * 2 + 2;

const SPLIT_ADVICE = "Split it into several posts.";
const RELOAD_ADVICE = "Reload the editor and try again.";

const CODE_LANGUAGE = /^[A-Za-z0-9_+#.-]{1,40}$/;

const optionalString: AttrRule["check"] = (v) => v === null || typeof v === "string";

// Attributes whose values reach the HTML get a rule; any other attribute the schema declares
// only needs a scalar value. Rules must accept the schema's defaults, so a validated document
// (which we return with defaults filled in) validates again.
const ATTRIBUTE_RULES: Record<string, Record<string, AttrRule>> = {
  ...NODE_ATTRIBUTE_RULES,
  heading: {
    level: {
      required: true,
      check: (v) => v === 2 || v === 3 || v === 4,
      message: "A heading must be level 2, 3 or 4.",
    },
  },
  orderedList: {
    start: {
      check: (v) => v === null || (typeof v === "number" && Number.isSafeInteger(v)),
      message: "A numbered list starts at a number that is not a whole number.",
    },
    type: {
      check: (v) => v === null || (typeof v === "string" && ORDERED_LIST_TYPES.includes(v)),
      message: "A numbered list uses a numbering style that is not supported.",
    },
  },
  codeBlock: {
    language: {
      check: (v) => v === null || (typeof v === "string" && CODE_LANGUAGE.test(v)),
      message: "A code block names a language that is not valid.",
    },
  },
  link: {
    // href's safety is judged separately so the creator hears "unsafe address", not "bad setting".
    href: { required: true, check: (v) => typeof v === "string", message: "A link has no address." },
    target: { check: optionalString, message: "A link has an invalid setting." },
    rel: { check: optionalString, message: "A link has an invalid setting." },
    class: { check: optionalString, message: "A link has an invalid setting." },
    title: { check: optionalString, message: "A link has a title that is not text." },
  },
};

/** A document with one empty paragraph: what a new post starts from. */
export function emptyDocument(): PostDocument {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/**
 * Checks an untrusted post body. On success `doc` is a fresh, plain copy in canonical form
 * (ProseMirror's own JSON, defaults filled in); store that, not the input.
 */
export function validateDocument(input: unknown): DocumentValidation {
  try {
    return validateUnsafely(input);
  } catch {
    // Getters, proxies or a schema bug: whatever it is, it is a refusal, not a 500.
    return problem("invalid_structure", `The post could not be read. ${RELOAD_ADVICE}`);
  }
}

function validateUnsafely(input: unknown): DocumentValidation {
  if (!isPlainObject(input) || input.type !== "doc") {
    return problem("not_a_document", `The post body is not a document. ${RELOAD_ADVICE}`);
  }

  const bounds = checkJsonBounds(input);
  if (bounds) return bounds;

  // Bounded now, so stringify cannot overflow the stack. Working on a parsed copy also means a
  // getter cannot show us one value now and ProseMirror another later.
  let json: string;
  try {
    json = JSON.stringify(input);
  } catch {
    return problem("not_a_document", `The post body is not a document. ${RELOAD_ADVICE}`);
  }
  if (utf8Length(json) > DOCUMENT_LIMITS.maxBytes) return tooLarge();
  const data: unknown = JSON.parse(json);
  // A toJSON method could have turned the document into something else on the way.
  if (!isPlainObject(data) || data.type !== "doc") {
    return problem("not_a_document", `The post body is not a document. ${RELOAD_ADVICE}`);
  }

  const schema = documentSchema();
  const shape = checkShape(data, schema) ?? checkCharacters(data);
  if (shape) return shape;

  let doc: ProseMirrorNode;
  try {
    doc = ProseMirrorNode.fromJSON(schema, data);
    doc.check();
  } catch {
    return problem(
      "invalid_structure",
      `Part of the post is arranged in a way the editor cannot open (for example a list item outside a list). ${RELOAD_ADVICE}`,
    );
  }
  return { ok: true, doc: doc.toJSON() as PostDocument };
}

/**
 * A generic, iterative pass over any JSON-like value: rejects nesting beyond what a document
 * can need, and anything that certainly serialises to more than maxBytes, before any code that
 * recurses (JSON.stringify, ProseMirror) sees it. Cycles show up as too deep.
 */
function checkJsonBounds(root: unknown): DocumentProblem | null {
  // A running lower bound on the JSON byte length: it stops the walk early on huge input.
  let bytes = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth } = item;
    if (typeof value === "string") {
      bytes += value.length + 2;
    } else if (typeof value === "number" || typeof value === "boolean" || value === null) {
      bytes += 1;
    } else if (typeof value === "object") {
      if (depth > MAX_JSON_DEPTH) return tooDeep();
      bytes += 2;
      if (Array.isArray(value)) {
        // Every element costs at least a byte, so a huge (or sparse) length is refused unread.
        bytes += value.length;
        if (bytes > DOCUMENT_LIMITS.maxBytes) return tooLarge();
        for (const element of value) stack.push({ value: element, depth: depth + 1 });
      } else {
        for (const [key, member] of Object.entries(value)) {
          bytes += key.length + 3;
          stack.push({ value: member, depth: depth + 1 });
        }
      }
    }
    if (bytes > DOCUMENT_LIMITS.maxBytes) return tooLarge();
  }
  return null;
}

/**
 * Refuses text the database cannot store (NUL, lone surrogates) or nobody can see (control
 * characters) in any string or key. After the shape check, so a `javascript:` link hidden behind
 * a control character is reported as the unsafe address it is.
 */
function checkCharacters(root: unknown): DocumentProblem | null {
  const stack: unknown[] = [root];
  for (let value = stack.pop(); value !== undefined; value = stack.pop()) {
    if (typeof value === "string") {
      if (!isStorableText(value)) return badCharacter();
    } else if (Array.isArray(value)) {
      for (const element of value) stack.push(element);
    } else if (isPlainObject(value)) {
      for (const [key, member] of Object.entries(value)) {
        if (!isStorableText(key)) return badCharacter();
        stack.push(member);
      }
    }
  }
  return null;
}

/** Checks every node and mark against the schema's allow-lists, iteratively. */
function checkShape(root: unknown, schema: Schema): DocumentProblem | null {
  let nodes = 0;
  let paywallBreaks = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth } = item;
    if (depth > DOCUMENT_LIMITS.maxDepth) return tooDeep();
    nodes += 1;
    if (nodes > DOCUMENT_LIMITS.maxNodes) {
      return problem(
        "too_large",
        `The post has more than ${DOCUMENT_LIMITS.maxNodes.toLocaleString("en")} parts. ${SPLIT_ADVICE}`,
      );
    }

    if (!isPlainObject(value)) return damaged("Part of the post is not a block or a piece of text.");
    const unknownKey = Object.keys(value).find((key) => !NODE_KEYS.has(key));
    if (unknownKey !== undefined) return damaged(`The post contains unexpected data (${quote(unknownKey)}).`);
    const { type, content, text, marks, attrs } = value;

    if (typeof type !== "string") return damaged("Part of the post has no kind.");
    const nodeType = Object.hasOwn(schema.nodes, type) ? schema.nodes[type] : undefined;
    if (nodeType === undefined) {
      return problem(
        "unknown_node",
        `The post contains an element Atelier does not support (${quote(type)}). Remove it and try again.`,
      );
    }

    if (type === "text") {
      if (typeof text !== "string" || text === "") return damaged("A piece of text in the post is damaged.");
      if (content !== undefined || attrs !== undefined) return damaged("A piece of text in the post is damaged.");
    } else if (text !== undefined) {
      return damaged(`A ${label(type)} in the post carries stray text.`);
    }

    const attrProblem = checkAttrs(attrs, type, nodeType.spec.attrs);
    if (attrProblem) return attrProblem;
    const check = Object.hasOwn(NODE_CHECKS, type) ? NODE_CHECKS[type] : undefined;
    if (check) {
      const values = isPlainObject(attrs) ? attrs : {};
      const message = check((key) => (Object.hasOwn(values, key) ? (values[key] as AttrValue) : null));
      if (message) return badAttribute(message);
    }

    if (type === "paywallBreak") {
      paywallBreaks += 1;
      if (paywallBreaks > 1) {
        return problem("invalid_structure", "A post can have only one paywall break. Remove the extra one and try again.");
      }
      // The teaser is "the blocks above the break", which only means something at the top level.
      if (depth !== 2) {
        return problem(
          "invalid_structure",
          "The paywall break must sit between top-level blocks, not inside a list, quote or spoiler. Move it and try again.",
        );
      }
    }

    if (marks !== undefined) {
      if (!Array.isArray(marks)) return damaged("Some formatting in the post is damaged.");
      for (const mark of marks) {
        const markProblem = checkMark(mark, schema);
        if (markProblem) return markProblem;
      }
    }

    if (content !== undefined) {
      if (!Array.isArray(content)) return damaged(`A ${label(type)} in the post is damaged.`);
      // Reversed so problems are reported in reading order.
      for (let i = content.length - 1; i >= 0; i -= 1) {
        stack.push({ value: content[i], depth: depth + 1 });
      }
    }
  }
  return null;
}

function checkMark(mark: unknown, schema: Schema): DocumentProblem | null {
  if (!isPlainObject(mark)) return damaged("Some formatting in the post is damaged.");
  const unknownKey = Object.keys(mark).find((key) => !MARK_KEYS.has(key));
  if (unknownKey !== undefined) return damaged(`The post contains unexpected data (${quote(unknownKey)}).`);
  const { type, attrs } = mark;
  if (typeof type !== "string") return damaged("Some formatting in the post is damaged.");
  const markType = Object.hasOwn(schema.marks, type) ? schema.marks[type] : undefined;
  if (markType === undefined) {
    return problem(
      "unknown_mark",
      `The post uses text formatting Atelier does not support (${quote(type)}). Remove it and try again.`,
    );
  }
  const attrProblem = checkAttrs(attrs, type, markType.spec.attrs);
  if (attrProblem) return attrProblem;

  if (type === "link" && isPlainObject(attrs) && typeof attrs.href === "string" && !isSafeUrl(attrs.href)) {
    return problem("unsafe_url", unsafeLinkMessage(attrs.href));
  }
  return null;
}

function checkAttrs(
  attrs: unknown,
  type: string,
  declared: Readonly<Record<string, unknown>> | undefined,
): DocumentProblem | null {
  const rules = ATTRIBUTE_RULES[type] ?? {};
  if (attrs === undefined) {
    return Object.values(rules).some((rule) => rule.required) ? badRequired(type, rules) : null;
  }
  if (!isPlainObject(attrs)) return badAttribute(`A ${label(type)} in the post has damaged settings.`);

  for (const [key, value] of Object.entries(attrs)) {
    // Own-property check: "constructor" or "__proto__" must not pass as declared attributes.
    if (declared === undefined || !Object.hasOwn(declared, key)) {
      return badAttribute(`A ${label(type)} has a setting Atelier does not support (${quote(key)}).`);
    }
    if (!isAttrValue(value)) return badAttribute(`A ${label(type)} has a setting with an invalid value (${quote(key)}).`);
    const rule = rules[key];
    if (rule && !rule.check(value)) return badAttribute(rule.message);
  }
  for (const [key, rule] of Object.entries(rules)) {
    if (rule.required && !Object.hasOwn(attrs, key)) return badAttribute(rule.message);
  }
  return null;
}

function badRequired(type: string, rules: Record<string, AttrRule>): DocumentProblem {
  const rule = Object.values(rules).find((r) => r.required);
  return badAttribute(rule ? rule.message : `A ${label(type)} is missing a setting.`);
}

function isAttrValue(value: unknown): value is AttrValue {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function unsafeLinkMessage(href: string): string {
  const scheme = urlScheme(href);
  if (scheme !== null) return `A link points to a ${quoteless(scheme)} address, which is not allowed.`;
  return `A link points to ${quote(href)}, which is not allowed. Links must start with http://, https://, mailto: or a single "/".`;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character; JSON.stringify escapes lone surrogates.
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const LABELS: Record<string, string> = {
  doc: "document",
  blockquote: "quote",
  bulletList: "bulleted list",
  codeBlock: "code block",
  hardBreak: "line break",
  horizontalRule: "divider",
  listItem: "list item",
  orderedList: "numbered list",
  taskList: "checklist",
  taskItem: "checklist item",
  paywallBreak: "paywall break",
  galleryImage: "gallery image",
  image: "picture",
  audio: "sound clip",
  attachment: "file",
  embed: "embedded video",
};

function label(type: string): string {
  return LABELS[type] ?? type;
}

/** Echoes a name from the input, cut short and stripped of control characters. */
function quote(name: string): string {
  return `"${quoteless(name)}"`;
}

function quoteless(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function problem(code: DocumentProblemCode, message: string): DocumentProblem {
  return { ok: false, code, message };
}

function tooLarge(): DocumentProblem {
  return problem("too_large", `The post is larger than 2 MB. ${SPLIT_ADVICE}`);
}

function tooDeep(): DocumentProblem {
  return problem(
    "too_deep",
    `The post has too many levels of lists or quotes inside one another (the limit is ${DOCUMENT_LIMITS.maxDepth}). Flatten some of them and try again.`,
  );
}

function badCharacter(): DocumentProblem {
  return problem(
    "bad_character",
    "The post contains a character that cannot be saved (an invisible control character or half of an emoji), usually from pasted text. Delete the pasted part and type or paste it again.",
  );
}

function damaged(message: string): DocumentProblem {
  return problem("invalid_structure", `${message} ${RELOAD_ADVICE}`);
}

function badAttribute(message: string): DocumentProblem {
  return problem("bad_attribute", message);
}
