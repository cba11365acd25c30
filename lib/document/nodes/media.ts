// Media nodes of post documents: image, gallery, audio, video, attachment and embed. Each stores
// ids and facts, never URLs: renderHTML derives every address from lib/document/media.ts.
import { Node, type ChainedCommands, type JSONContent } from "@tiptap/core";
import type { DOMOutputSpec } from "@tiptap/pm/model";

import {
  embedFromPlayerUrl,
  embedLabel,
  embedSrc,
  formatBytes,
  formatDuration,
  IMAGE_LAYOUTS,
  IMAGE_WIDTHS,
  isEmbedId,
  isMediaId,
  mediaIdFromUrl,
  mediaUrl,
  type EmbedProvider,
  type EmbedRef,
  type ImageLayout,
} from "../media";
import { numberOrNull, stored } from "./attrs";

export type ImageInput = {
  mediaId: string;
  alt?: string;
  caption?: string;
  width?: ImageLayout;
  naturalWidth?: number | null;
  naturalHeight?: number | null;
};
export type GalleryImageInput = { mediaId: string; alt?: string; naturalWidth?: number | null; naturalHeight?: number | null };
export type AudioInput = { mediaId: string; title?: string; durationSeconds?: number | null };
export type VideoInput =
  | { mediaId: string; posterMediaId?: string | null; caption?: string }
  | { provider: EmbedProvider; videoId: string; caption?: string };
export type AttachmentInput = { mediaId: string; name: string; size: number; mime: string };

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    image: { setImage: (image: ImageInput) => ReturnType };
    gallery: { setGallery: (images: GalleryImageInput[]) => ReturnType };
    audio: { setAudio: (audio: AudioInput) => ReturnType };
    video: { setVideo: (video: VideoInput) => ReturnType };
    attachment: { setAttachment: (attachment: AttachmentInput) => ReturnType };
    embed: { setEmbed: (embed: EmbedRef) => ReturnType };
  }
}

const SIZES: Record<ImageLayout, string> = {
  normal: "(min-width: 48rem) 42rem, 100vw",
  wide: "(min-width: 64rem) 60rem, 100vw",
  full: "100vw",
};

/** The address for a stored id; null (attribute left out) for anything validation would refuse. */
function urlFor(mediaId: unknown, width?: number): string | null {
  return isMediaId(mediaId) ? mediaUrl(mediaId, width) : null;
}

function imgSpec(
  attrs: Record<string, unknown>,
  sizes: string,
): DOMOutputSpec {
  const id = attrs.mediaId;
  return [
    "img",
    {
      src: urlFor(id, IMAGE_WIDTHS[1]),
      srcset: isMediaId(id) ? IMAGE_WIDTHS.map((width) => `${mediaUrl(id, width)} ${width}w`).join(", ") : null,
      sizes,
      alt: typeof attrs.alt === "string" ? attrs.alt : "",
      width: typeof attrs.naturalWidth === "number" ? attrs.naturalWidth : null,
      height: typeof attrs.naturalHeight === "number" ? attrs.naturalHeight : null,
      loading: "lazy",
      decoding: "async",
    },
  ];
}

function figure(className: string, body: DOMOutputSpec, caption: unknown): DOMOutputSpec {
  return typeof caption === "string" && caption.trim() !== ""
    ? ["figure", { class: className }, body, ["figcaption", {}, caption]]
    : ["figure", { class: className }, body];
}

/**
 * What a video player's frame may do, fixed for every embed (the sanitizer sets the same). The
 * sandbox grants only what YouTube's and Vimeo's players need: their scripts, their own origin
 * (their storage; without it they refuse to play), presentation (casting to a screen) and popups
 * for "watch on YouTube/Vimeo", which open as ordinary tabs of that site. Never top navigation,
 * forms, modals or downloads: a player cannot take the reader's page anywhere. The referrer
 * policy sends our origin only, which the players require to play at all.
 */
export const EMBED_FRAME_ATTRIBUTES = {
  allow: "accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; fullscreen",
  allowfullscreen: "",
  sandbox: "allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox",
  referrerpolicy: "strict-origin-when-cross-origin",
} as const;

function iframeSpec(provider: EmbedProvider, id: string): DOMOutputSpec {
  return [
    "iframe",
    {
      src: embedSrc(provider, id),
      title: `${embedLabel(provider)} video`,
      loading: "lazy",
      ...EMBED_FRAME_ATTRIBUTES,
    },
  ];
}

function captionOf(element: HTMLElement): string {
  return element.querySelector("figcaption")?.textContent ?? "";
}

/** Inserts block atoms followed by a paragraph: typing right after an atom would replace it. */
function insertBlocks(content: JSONContent[]) {
  return ({ chain }: { chain: () => ChainedCommands }) =>
    chain().insertContent([...content, { type: "paragraph" }]).scrollIntoView().run();
}

export const Image = Node.create({
  name: "image",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      mediaId: stored(null),
      alt: stored(""),
      caption: stored(""),
      width: stored("normal"),
      naturalWidth: stored(null),
      naturalHeight: stored(null),
    };
  },

  parseHTML() {
    return [
      {
        tag: "figure.media-image",
        getAttrs: (element) => {
          const img = element.querySelector("img");
          const mediaId = mediaIdFromUrl(img?.getAttribute("src"));
          if (!img || !mediaId) return false;
          const width = IMAGE_LAYOUTS.find((layout) => element.classList.contains(`media-${layout}`)) ?? "normal";
          return {
            mediaId,
            alt: img.getAttribute("alt") ?? "",
            caption: captionOf(element),
            width,
            naturalWidth: numberOrNull(img.getAttribute("width")),
            naturalHeight: numberOrNull(img.getAttribute("height")),
          };
        },
      },
    ];
  },

  renderHTML({ node }) {
    const width = (IMAGE_LAYOUTS as readonly string[]).includes(node.attrs.width) ? (node.attrs.width as ImageLayout) : "normal";
    return figure(`media-image media-${width}`, imgSpec(node.attrs, SIZES[width]), node.attrs.caption);
  },

  addCommands() {
    return {
      setImage: (image) => insertBlocks([{ type: this.name, attrs: { alt: "", caption: "", width: "normal", ...image } }]),
    };
  },
});

export const GalleryImage = Node.create({
  name: "galleryImage",
  atom: true,
  // Edited only through the gallery's own view: the caret never lands on one image, so typing
  // or arrowing past a gallery cannot replace a single image with text.
  selectable: false,
  draggable: false,

  addAttributes() {
    return { mediaId: stored(null), alt: stored(""), naturalWidth: stored(null), naturalHeight: stored(null) };
  },

  parseHTML() {
    return [
      {
        tag: "img",
        context: "gallery/",
        getAttrs: (element) => {
          const mediaId = mediaIdFromUrl(element.getAttribute("src"));
          if (!mediaId) return false;
          return {
            mediaId,
            alt: element.getAttribute("alt") ?? "",
            naturalWidth: numberOrNull(element.getAttribute("width")),
            naturalHeight: numberOrNull(element.getAttribute("height")),
          };
        },
      },
    ];
  },

  renderHTML({ node }) {
    return imgSpec(node.attrs, "(min-width: 48rem) 21rem, 50vw");
  },
});

export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  content: "galleryImage+",
  draggable: true,
  isolating: true,

  parseHTML() {
    return [{ tag: "figure.media-gallery" }];
  },

  renderHTML() {
    return ["figure", { class: "media-gallery" }, 0];
  },

  addCommands() {
    return {
      setGallery: (images) => {
        if (images.length === 0) return () => false;
        return insertBlocks([
          {
            type: this.name,
            content: images.map((image) => ({ type: "galleryImage", attrs: { alt: "", ...image } })),
          },
        ]);
      },
    };
  },
});

export const Audio = Node.create({
  name: "audio",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return { mediaId: stored(null), title: stored(""), durationSeconds: stored(null) };
  },

  parseHTML() {
    return [
      {
        tag: "figure.media-audio",
        getAttrs: (element) => {
          const audio = element.querySelector("audio");
          const mediaId = mediaIdFromUrl(audio?.getAttribute("src"));
          if (!audio || !mediaId) return false;
          return {
            mediaId,
            title: element.querySelector(".media-audio-title")?.textContent ?? "",
            durationSeconds: numberOrNull(audio.getAttribute("data-duration")),
          };
        },
      },
    ];
  },

  renderHTML({ node }) {
    const src = urlFor(node.attrs.mediaId);
    const title = typeof node.attrs.title === "string" ? node.attrs.title : "";
    const duration = typeof node.attrs.durationSeconds === "number" ? node.attrs.durationSeconds : null;
    const heading: DOMOutputSpec[] = [];
    if (title.trim() !== "" || duration !== null) {
      const parts: DOMOutputSpec[] = [];
      if (title.trim() !== "") parts.push(["span", { class: "media-audio-title" }, title]);
      if (duration !== null) parts.push(["span", { class: "media-audio-duration" }, formatDuration(duration)]);
      heading.push(["figcaption", {}, ...parts] as DOMOutputSpec);
    }
    return [
      "figure",
      { class: "media-audio" },
      ...heading,
      ["audio", { controls: "", preload: "none", src, "data-duration": duration }, ["a", { href: src }, "Download the audio"]],
    ] as DOMOutputSpec;
  },

  addCommands() {
    return {
      setAudio: (audio) => insertBlocks([{ type: this.name, attrs: { title: "", durationSeconds: null, ...audio } }]),
    };
  },
});

export const Video = Node.create({
  name: "video",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      mediaId: stored(null),
      posterMediaId: stored(null),
      provider: stored(null),
      videoId: stored(null),
      caption: stored(""),
    };
  },

  parseHTML() {
    return [
      {
        tag: "figure.media-video",
        priority: 60,
        getAttrs: (element) => {
          const caption = captionOf(element);
          const video = element.querySelector("video");
          const mediaId = mediaIdFromUrl(video?.getAttribute("src"));
          if (video && mediaId) {
            return { mediaId, posterMediaId: mediaIdFromUrl(video.getAttribute("poster")), caption };
          }
          const embed = embedFromPlayerUrl(element.querySelector("iframe")?.getAttribute("src") ?? "");
          return embed ? { provider: embed.provider, videoId: embed.id, caption } : false;
        },
      },
    ];
  },

  renderHTML({ node }) {
    const { mediaId, posterMediaId, provider, videoId, caption } = node.attrs;
    if (typeof provider === "string" && isEmbedId(provider, videoId)) {
      return figure("media-video media-embed", iframeSpec(provider as EmbedProvider, videoId as string), caption);
    }
    const src = urlFor(mediaId);
    const poster = urlFor(posterMediaId, IMAGE_WIDTHS[1]);
    return figure(
      "media-video",
      ["video", { controls: "", preload: "none", playsinline: "", src, poster }, ["a", { href: src }, "Download the video"]],
      caption,
    );
  },

  addCommands() {
    return {
      setVideo: (video) => {
        const attrs =
          "provider" in video
            ? { provider: video.provider, videoId: video.videoId, mediaId: null, posterMediaId: null, caption: video.caption ?? "" }
            : { mediaId: video.mediaId, posterMediaId: video.posterMediaId ?? null, provider: null, videoId: null, caption: video.caption ?? "" };
        if ("provider" in video && !isEmbedId(video.provider, video.videoId)) return () => false;
        return insertBlocks([{ type: this.name, attrs }]);
      },
    };
  },
});

export const Attachment = Node.create({
  name: "attachment",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return { mediaId: stored(null), name: stored(""), size: stored(0), mime: stored("application/octet-stream") };
  },

  parseHTML() {
    return [
      {
        tag: "div.media-attachment",
        getAttrs: (element) => {
          const link = element.querySelector("a");
          const mediaId = mediaIdFromUrl(link?.getAttribute("href"));
          if (!link || !mediaId) return false;
          return {
            mediaId,
            name: link.getAttribute("download") || link.textContent || "file",
            size: numberOrNull(link.getAttribute("data-size")) ?? 0,
            mime: link.getAttribute("type") || "application/octet-stream",
          };
        },
      },
    ];
  },

  renderHTML({ node }) {
    const { mediaId, name, size, mime } = node.attrs as AttachmentInput;
    return [
      "div",
      { class: "media-attachment" },
      ["a", { href: urlFor(mediaId), download: name, type: mime, "data-size": size }, name],
      ["span", { class: "media-attachment-meta" }, formatBytes(size)],
    ];
  },

  addCommands() {
    return { setAttachment: (attachment) => insertBlocks([{ type: this.name, attrs: { ...attachment } }]) };
  },
});

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,

  addAttributes() {
    return { provider: stored(null), id: stored(null) };
  },

  parseHTML() {
    return [
      {
        tag: "figure.media-embed",
        getAttrs: (element) => {
          const embed = embedFromPlayerUrl(element.querySelector("iframe")?.getAttribute("src") ?? "");
          return embed ? { provider: embed.provider, id: embed.id } : false;
        },
      },
    ];
  },

  renderHTML({ node }) {
    const { provider, id } = node.attrs;
    // Validation guarantees a known provider and id; an unvalidated one renders an empty figure
    // and the sanitizer drops any iframe it does not recognise anyway.
    if (!isEmbedId(provider, id)) return ["figure", { class: "media-embed" }, ["span", {}, ""]];
    return ["figure", { class: "media-embed" }, iframeSpec(provider as EmbedProvider, id as string)];
  },

  addCommands() {
    return {
      setEmbed: (embed) => {
        if (!isEmbedId(embed.provider, embed.id)) return () => false;
        return insertBlocks([{ type: this.name, attrs: { provider: embed.provider, id: embed.id } }]);
      },
    };
  },
});

export const mediaNodes = [Image, Gallery, GalleryImage, Audio, Video, Attachment, Embed];
