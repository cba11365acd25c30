// The demo's words: a few posts of different shapes, written as editor documents.
import "server-only";
import type { PostDocument } from "@/lib/document/validate";

type Block = NonNullable<PostDocument["content"]>[number];

const text = (value: string, marks?: string[]) => ({
  type: "text" as const,
  text: value,
  ...(marks ? { marks: marks.map((type) => ({ type })) } : {}),
});
const p = (...parts: (string | ReturnType<typeof text>)[]): Block => ({
  type: "paragraph",
  content: parts.map((part) => (typeof part === "string" ? text(part) : part)),
});
const h = (level: 2 | 3, value: string): Block => ({ type: "heading", attrs: { level }, content: [text(value)] });
const bullets = (...items: string[]): Block => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [p(item)] })),
});
const quote = (value: string): Block => ({ type: "blockquote", content: [p(value)] });
const doc = (...content: Block[]): PostDocument => ({ type: "doc", content });
/** Everything above it is the teaser non-members see. */
const paywall: Block = { type: "paywallBreak" };

export const demoPosts = {
  essay: {
    title: "Why I print every draft before I publish",
    document: doc(
      p("Screens flatter sentences. On paper, every lazy ", text("very", ["italic"]), " and every stacked clause shows itself."),
      h(2, "The ritual"),
      p("I print the draft, take a red pen and read it aloud in the kitchen. Anything I stumble over gets cut."),
      bullets("Read it aloud, slowly.", "Circle every word you would not say to a friend.", "Cut the first paragraph. It is almost always throat-clearing."),
      quote("Writing is rewriting. Printing is how I make myself do it."),
      h(2, "What changed"),
      p("My posts got shorter and my readers started finishing them. That is the whole trick."),
    ),
  },
  note: {
    title: "Studio notes: week 12",
    document: doc(
      p("Three sketches this week, one of them good. The ", text("good one", ["bold"]), " is going into the next zine."),
      p("Next week: colour tests on the risograph."),
    ),
  },
  members: {
    title: "Members only: the full risograph colour guide",
    document: doc(
      p("This guide walks through the eight drum colours I keep loaded, and the order I print them in."),
      paywall,
      h(2, "Layering order"),
      p("Always print the lightest colour first, and let each layer dry for a full day."),
      bullets("Yellow, then fluorescent pink", "Blue over everything else", "Black last, and only for type"),
    ),
  },
  paid: {
    title: "Supporters: how I price a zine run",
    document: doc(
      p("The maths behind a 200-copy run, with the real numbers from my last three zines."),
      paywall,
      h(2, "The spreadsheet"),
      p("Paper is a third of the cost, ink a sixth, and my time is everything else. Here is how I split it."),
    ),
  },
  patrons: {
    title: "Patron studio visit: the new press, up close",
    document: doc(
      p("A walk around the press that arrived on Monday, for patrons only."),
      paywall,
      p("It weighs 180 kilograms and took four people and a borrowed trolley to bring up the stairs."),
    ),
  },
  early: {
    title: "Early access: the autumn zine, page by page",
    document: doc(
      p("Supporters see the autumn zine first; everyone else gets it at the end of the month."),
      paywall,
      h(2, "Page one"),
      p("A map of the neighbourhood's print shops, drawn from memory and then corrected on foot."),
    ),
  },
  draft: {
    title: "Unfinished: notes on a new series",
    document: doc(p("A draft nobody else can see yet.")),
  },
  episode: {
    title: "Episode 4: recording in a stairwell",
    document: doc(
      p("This week we recorded vocals in the stairwell of an old library. The reverb is real."),
      h(2, "Gear"),
      bullets("One condenser microphone", "A borrowed preamp", "Forty-two stairs"),
      p("Show notes and the full track list are below."),
    ),
  },
} as const;
