// The renderer and its sanitizer pass on the nodes beyond StarterKit, fed documents that never
// went through validation and raw hostile HTML: only addresses we build may reach the page.
import { describe, expect, it } from "vitest";

import { renderDocumentHtml, sanitizePostHtml } from "./render";
import type { AttrValue, PostDocument } from "./validate";

const ID = "0192f0a0-1234-7abc-8def-0123456789ab";
const one = (type: string, attrs: Record<string, AttrValue>): PostDocument => ({ type: "doc", content: [{ type, attrs }] });

function expectNoHostileOutput(html: string) {
  expect(html).not.toMatch(/script|onerror|onload|evil|data:|\/\/\w+\.example/i);
}

describe("renderDocumentHtml on unvalidated media", () => {
  it.each([
    ["image", { mediaId: "javascript:alert(1)" }],
    ["image", { mediaId: "https://evil.example/x.png" }],
    ["image", { mediaId: '"><script>alert(1)</script>' }],
    ["image", { mediaId: "../../../evil.example" }],
    ["audio", { mediaId: "//evil.example/a.mp3" }],
    ["video", { mediaId: "data:video/mp4;base64,AAAA", posterMediaId: "javascript:alert(1)" }],
    ["attachment", { mediaId: "javascript:alert(1)", name: "x", size: 1, mime: "text/html" }],
  ])("drops a %s whose id is not ours: %j", (type, attrs) => {
    const html = renderDocumentHtml(one(type, attrs));
    expectNoHostileOutput(html);
    expect(html).not.toMatch(/<(img|audio|video)\b/);
    expect(html).not.toMatch(/href=/);
  });

  it.each([
    ["embed", { provider: "youtube", id: '"><script>alert(1)</script>' }],
    ["embed", { provider: "evil", id: "dQw4w9WgXcQ" }],
    ["embed", { provider: "vimeo", id: "1/../../evil.example" }],
    ["video", { provider: "youtube", videoId: "x\" onload=\"alert(1)" }],
  ])("never emits an iframe for %s %j", (type, attrs) => {
    const html = renderDocumentHtml(one(type, attrs));
    expect(html).not.toContain("<iframe");
    expectNoHostileOutput(html);
  });

  it("escapes alt text, captions and names rather than interpreting them", () => {
    const html = renderDocumentHtml({
      type: "doc",
      content: [
        { type: "image", attrs: { mediaId: ID, alt: '"><img src=x onerror=alert(1)>', caption: "<script>alert(1)</script>" } },
        { type: "attachment", attrs: { mediaId: ID, name: '"><svg onload=alert(1)>', size: 3, mime: "text/plain" } },
      ],
    });
    expect(html).toContain('alt="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).toContain("<figcaption>&lt;script&gt;alert(1)&lt;/script&gt;</figcaption>");
    expect(html).toContain('download="&quot;&gt;&lt;svg onload=alert(1)&gt;"');
    expect(html).not.toMatch(/<(script|svg)|<img src=x/);
  });

  it("renders a spoiler closed and task checkboxes inert", () => {
    const html = renderDocumentHtml({
      type: "doc",
      content: [
        { type: "spoiler", content: [{ type: "paragraph", content: [{ type: "text", text: "hidden" }] }] },
        { type: "taskList", content: [{ type: "taskItem", attrs: { checked: true }, content: [{ type: "paragraph" }] }] },
      ],
    });
    expect(html).toMatch(/^<details class="spoiler"><summary>/);
    expect(html).not.toMatch(/<details[^>]*open/);
    expect(html).toContain('<input type="checkbox" disabled="disabled" checked="checked" aria-label="Done" />');
  });
});

describe("the sanitizer pass alone", () => {
  it.each([
    '<iframe src="https://evil.example/embed"></iframe>',
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;x=evil"></iframe>',
    '<iframe src="https://player.vimeo.com.evil.example/video/76979871"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<iframe src="//www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>',
  ])("drops the iframe in %s", (input) => {
    const html = sanitizePostHtml(input);
    expect(html).not.toContain("<iframe");
    expectNoHostileOutput(html);
  });

  it("keeps a built player address and fixes its attributes", () => {
    const html = sanitizePostHtml('<iframe src="https://player.vimeo.com/video/76979871" onload="alert(1)" sandbox="" allow="camera; microphone"></iframe>');
    expect(html).toBe(
      '<iframe src="https://player.vimeo.com/video/76979871" loading="lazy" allow="accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen" allowfullscreen sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
    );
  });

  it("never lets a player's frame navigate the reader's page, whatever sandbox the HTML asked for", () => {
    const html = sanitizePostHtml(
      '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" sandbox="allow-top-navigation allow-forms allow-modals allow-downloads" referrerpolicy="unsafe-url"></iframe>',
    );
    expect(html).toContain('sandbox="allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox"');
    expect(html).toContain('referrerpolicy="strict-origin-when-cross-origin"');
    expect(html).not.toMatch(/allow-top-navigation|allow-forms|allow-modals|allow-downloads|unsafe-url/);
  });

  it.each([
    '<img src="javascript:alert(1)">',
    '<img src="https://evil.example/x.png">',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    `<img src="/api/media/${ID}/../../evil">`,
    '<video src="https://evil.example/v.mp4"></video>',
    '<audio src="javascript:alert(1)"></audio>',
  ])("drops media without one of our addresses: %s", (input) => {
    const html = sanitizePostHtml(input);
    expect(html).not.toMatch(/<(img|video|audio)\b/);
    expectNoHostileOutput(html);
  });

  it("strips event handlers, foreign srcset entries and unknown classes from our own media", () => {
    const html = sanitizePostHtml(
      `<figure class="media-image evil" style="x"><img src="/api/media/${ID}?w=960" srcset="/api/media/${ID}?w=480 480w, https://evil.example/x.png 960w" onerror="alert(1)" alt="a"></figure>`,
    );
    expect(html).toBe(`<figure class="media-image"><img alt="a" src="/api/media/${ID}?w=960" loading="lazy" decoding="async" /></figure>`);
  });

  it("keeps download hints only on links to our files", () => {
    expect(sanitizePostHtml('<a href="https://example.com/a.exe" download="a.exe" type="application/x-msdownload">x</a>')).toBe(
      '<a href="https://example.com/a.exe" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it("forces task checkboxes to be inert checkboxes", () => {
    expect(sanitizePostHtml('<input type="text" name="card" value="x" onclick="alert(1)">')).toBe('<input type="checkbox" disabled="disabled" />');
  });

  it("drops tags outside the allow-list", () => {
    const html = sanitizePostHtml('<details open ontoggle="alert(1)" class="spoiler"><summary>s</summary><object data="x"></object><form><button>b</button></form><style>*{}</style></details>');
    expect(html).toBe('<details class="spoiler"><summary>s</summary>b</details>');
  });
});
