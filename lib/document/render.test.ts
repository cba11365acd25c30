import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { renderDocumentHtml } from "./render";
import { validateDocument, type PostDocument } from "./validate";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "__fixtures__");
// Goldens are written by the renderer and read by a person; regenerate deliberately with
// UPDATE_GOLDENS=1 npx vitest run lib/document/render.test.ts, then review the diff.
const update = process.env.UPDATE_GOLDENS === "1";

function validated(input: unknown): PostDocument {
  const result = validateDocument(input);
  if (!result.ok) throw new Error(`fixture is invalid: ${result.code} ${result.message}`);
  return result.doc;
}

describe("renderDocumentHtml golden files", () => {
  const names = readdirSync(fixtures).filter((name) => name.endsWith(".json"));

  it("has fixtures", () => {
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  for (const name of names) {
    it(name, () => {
      const doc = validated(JSON.parse(readFileSync(path.join(fixtures, name), "utf8")));
      const html = renderDocumentHtml(doc);
      const goldenPath = path.join(fixtures, name.replace(/\.json$/, ".html"));
      if (update) writeFileSync(goldenPath, `${html}\n`);
      // The golden file ends with a newline for editors' sake; the comparison is otherwise exact.
      expect(`${html}\n`).toBe(readFileSync(goldenPath, "utf8"));
    });
  }
});

describe("renderDocumentHtml", () => {
  it("escapes markup and quotes in text instead of emitting it", () => {
    const doc = validated(JSON.parse(readFileSync(path.join(fixtures, "escaping.json"), "utf8")));
    const html = renderDocumentHtml(doc);
    expect(html).not.toMatch(/<script|<img|<iframe|<b>/i);
    expect(html).toContain("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(html).toContain('<p>"quotes" &amp; ampersands');
  });

  const hostileHrefs = [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    " javascript:alert(1)",
    "\u0000javascript:alert(1)",
    "javascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example",
    "/\\evil.example",
  ];

  it.each(hostileHrefs)("never emits an unsafe href, even for an unvalidated %j", (href) => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href } }] }],
        },
      ],
    } satisfies PostDocument;
    const html = renderDocumentHtml(doc);
    expect(html).not.toMatch(/script:/i);
    expect(html).not.toMatch(/data:/i);
    expect(html).not.toMatch(/href="\/\//);
    expect(html).not.toMatch(/evil/);
    expect(html).toBe('<p><a rel="noopener noreferrer nofollow">click</a></p>');
  });

  it("drops attributes the schema declares but the page must not carry", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "x",
              marks: [{ type: "link", attrs: { href: "https://a.example", target: "_blank", class: "c", rel: null } }],
            },
          ],
        },
      ],
    } satisfies PostDocument;
    expect(renderDocumentHtml(doc)).toBe(
      '<p><a href="https://a.example" rel="noopener noreferrer nofollow">x</a></p>',
    );
  });

  it("renders a heading without a supported level as the first allowed level", () => {
    const doc = {
      type: "doc",
      content: [{ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "h" }] }],
    } satisfies PostDocument;
    expect(renderDocumentHtml(doc)).toBe("<h2>h</h2>");
  });

  it("refuses a document with node types outside the schema instead of emitting them", () => {
    const doc = { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] } satisfies PostDocument;
    expect(() => renderDocumentHtml(doc)).toThrow();
  });
});
