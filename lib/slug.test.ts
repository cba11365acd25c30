import { describe, expect, it } from "vitest";
import { slugify, uniqueSlug } from "./slug";

describe("slugs from titles", () => {
  it("spells titles in other scripts with Latin letters instead of dropping them", () => {
    expect(slugify("Мой первый пост")).toBe("moy-perviy-post");
    expect(slugify("東京の夜")).toBe("dong-jing-noye");
    expect(slugify("Straße & Ærø")).toBe("strasse-and-aero");
    expect(slugify("Łódź notes")).toBe("lodz-notes");
    expect(slugify("Ελληνικά γράμματα")).toBe("ellinika-grammata");
    expect(slugify("한국어 제목")).toBe("hangugeo-jemog");
  });

  it("keeps every part of a title that mixes scripts", () => {
    expect(slugify("東京 2024")).toBe("dong-jing-2024");
    expect(slugify("Привет, мир! 東京")).toBe("privet-mir-dong-jing");
    expect(slugify("Night in 東京")).toBe("night-in-dong-jing");
  });

  it("reads plain titles the way a person would type the address", () => {
    expect(slugify("Hello World")).toBe("hello-world");
    expect(slugify("Don’t stop: it's fine")).toBe("dont-stop-its-fine");
    expect(slugify("café au lait")).toBe("cafe-au-lait");
    expect(slugify("iPhone review")).toBe("iphone-review");
    expect(slugify("ﬁne ｆｕｌｌ width")).toBe("fine-full-width");
    expect(slugify("  --already-a-slug--  ")).toBe("already-a-slug");
  });

  it("falls back to a default when nothing readable is left", () => {
    expect(slugify("")).toBe("untitled");
    expect(slugify("!!! ???")).toBe("untitled");
    expect(slugify("🎉🎉")).toBe("untitled");
  });

  it("caps the length without leaving a dash at the end", () => {
    const slug = slugify("word ".repeat(30));
    expect(slug).toHaveLength(79);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("unique slugs", () => {
  it("numbers a taken slug from 2", () => {
    expect(uniqueSlug("notes", new Set())).toBe("notes");
    expect(uniqueSlug("notes", new Set(["notes", "notes-2"]))).toBe("notes-3");
  });
});
