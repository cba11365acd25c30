// The new-post email's HTML: absolute links for mail clients, and nothing a creator types can
// break out of the text it belongs to.
import { describe, expect, it } from "vitest";
import { absoluteUrls, postNotificationMessage } from "./notification-email";

const ORIGIN = "https://atelier.example";

const content = {
  to: "fan@example.test",
  creator: { handle: "mara", displayName: `Mara <script>alert("x")</script>` },
  post: { title: `Notes & "quotes" <b>`, slug: "notes" },
  teaser: { html: "<p>Teaser words.</p>", text: "Teaser words." },
  readUrl: `${ORIGIN}/api/email-link/p1.sig`,
  unsubscribeUrl: `${ORIGIN}/account/unsubscribe/a.b`,
  oneClickUnsubscribeUrl: `${ORIGIN}/api/unsubscribe/a.b`,
};

describe("new-post email", () => {
  it("makes our own addresses absolute and leaves other hosts alone", () => {
    const html = `<a href="/mara/posts/x">x</a><img src="/api/media/1?w=960" srcset="/api/media/1?w=480 480w, /api/media/1?w=960 960w"><a href="https://elsewhere.example/">e</a><img src="//cdn.example/x.png">`;
    expect(absoluteUrls(html, ORIGIN)).toBe(
      `<a href="${ORIGIN}/mara/posts/x">x</a><img src="${ORIGIN}/api/media/1?w=960" srcset="${ORIGIN}/api/media/1?w=480 480w, ${ORIGIN}/api/media/1?w=960 960w"><a href="https://elsewhere.example/">e</a><img src="//cdn.example/x.png">`,
    );
  });

  it("escapes the creator's name and the title, and offers the cheapest tier to a reader without access", () => {
    const tier = { id: "t", name: "Supporter", monthlyPrice: 500, currency: "EUR", priceLabel: "€5.00" };
    const message = postNotificationMessage({ ...content, full: null, joinTier: tier }, ORIGIN);
    expect(message.html).not.toContain("<script>");
    expect(message.html).not.toContain("<b>");
    expect(message.html).toContain("Notes &#38; &#34;quotes&#34; &#60;b&#62;");
    expect(message.html).toContain(`href="${ORIGIN}/mara/join"`);
    expect(message.text).toContain(`Upgrade to Supporter to read (€5.00 a month): ${ORIGIN}/mara/join`);
    expect(message.headers).toEqual({ "List-Unsubscribe": `<${ORIGIN}/api/unsubscribe/a.b>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("gives a reader with access the whole post and a button to read it on the site", () => {
    const message = postNotificationMessage({ ...content, full: { html: "<p>The whole post.</p>", text: "The whole post." }, joinTier: null }, ORIGIN);
    expect(message.html).toContain("The whole post.");
    expect(message.html).toContain("Read on Atelier");
    expect(message.html).not.toContain("Upgrade");
    expect(message.text).toContain(`The whole post.\n\nRead on Atelier: ${ORIGIN}/api/email-link/p1.sig`);
    expect(message.text).toContain(`Unsubscribe from Mara <script>alert("x")</script>'s emails: ${ORIGIN}/account/unsubscribe/a.b`);
  });
});
