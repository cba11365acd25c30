import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("makes links of http and https addresses, leaving sentence punctuation outside", () => {
    expect(linkify("See https://atelier.example/a?b=1. And http://x.example!")).toEqual([
      { text: "See " },
      { text: "https://atelier.example/a?b=1", href: "https://atelier.example/a?b=1" },
      { text: ". And " },
      { text: "http://x.example", href: "http://x.example" },
      { text: "!" },
    ]);
  });

  it("never makes a link of another scheme or of markup", () => {
    for (const text of ["javascript:alert(1)", "<a href=\"javascript:alert(1)\">x</a>", "data:text/html,<script>", "ftp://files.example"]) {
      expect(linkify(text).every((part) => part.href === undefined)).toBe(true);
      expect(linkify(text).map((part) => part.text).join("")).toBe(text);
    }
  });

  it("keeps text without addresses as it is", () => {
    expect(linkify("Just words, <b>not bold</b>.")).toEqual([{ text: "Just words, <b>not bold</b>." }]);
    expect(linkify("")).toEqual([]);
  });
});
