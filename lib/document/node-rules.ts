// Attribute rules for the nodes Atelier adds to StarterKit (task items, media, embeds), and the
// checks that look at several attributes of one node at once. validate.ts applies them.
import { DISGUISING_CHARACTERS } from "../disguising-characters";
import { IMAGE_LAYOUTS, isEmbedId, isEmbedProvider, isMediaId } from "./media";

export type AttrValue = string | number | boolean | null;
export type AttrRule = { required?: boolean; check: (value: AttrValue) => boolean; message: string };

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

const text = (max: number) => (v: AttrValue) => typeof v === "string" && v.length <= max;
const dimension = (v: AttrValue) => v === null || (typeof v === "number" && Number.isSafeInteger(v) && v > 0 && v <= 100_000);

function mediaIdRule(what: string): AttrRule {
  return { required: true, check: isMediaId, message: `${what} refers to a file that is not a valid upload. Insert it again.` };
}

function optionalMediaIdRule(message: string): AttrRule {
  return { check: (v) => v === null || isMediaId(v), message };
}

const IMAGE_ALT: AttrRule = { check: text(1_000), message: "An image description (alt text) must be text of at most 1,000 characters." };
const IMAGE_SIZE: AttrRule = { check: dimension, message: "An image has a size that is not a whole number of pixels." };

export const NODE_ATTRIBUTE_RULES: Record<string, Record<string, AttrRule>> = {
  taskItem: {
    checked: { check: (v) => typeof v === "boolean", message: "A checklist item must be either done or not done." },
  },
  image: {
    mediaId: mediaIdRule("An image"),
    alt: IMAGE_ALT,
    caption: { check: text(2_000), message: "An image caption must be text of at most 2,000 characters." },
    width: {
      check: (v) => typeof v === "string" && (IMAGE_LAYOUTS as readonly string[]).includes(v),
      message: "An image width must be normal, wide or full.",
    },
    naturalWidth: IMAGE_SIZE,
    naturalHeight: IMAGE_SIZE,
  },
  galleryImage: {
    mediaId: mediaIdRule("A gallery image"),
    alt: IMAGE_ALT,
    naturalWidth: IMAGE_SIZE,
    naturalHeight: IMAGE_SIZE,
  },
  audio: {
    mediaId: mediaIdRule("An audio clip"),
    title: { check: text(300), message: "An audio title must be text of at most 300 characters." },
    durationSeconds: {
      check: (v) => v === null || (typeof v === "number" && v >= 0 && v <= 1_000_000),
      message: "An audio clip has a duration that is not a number of seconds.",
    },
  },
  video: {
    mediaId: optionalMediaIdRule("A video refers to a file that is not a valid upload. Insert it again."),
    posterMediaId: optionalMediaIdRule("A video's poster image is not a valid upload. Choose it again."),
    provider: {
      check: (v) => v === null || isEmbedProvider(v),
      message: "A video comes from a site Atelier cannot embed. Only YouTube and Vimeo are supported.",
    },
    videoId: { check: (v) => v === null || typeof v === "string", message: "A video has an invalid video id." },
    caption: { check: text(2_000), message: "A video caption must be text of at most 2,000 characters." },
  },
  attachment: {
    mediaId: mediaIdRule("A file"),
    name: {
      required: true,
      check: (v) => typeof v === "string" && v.trim() !== "" && v.length <= 255 && !DISGUISING_CHARACTERS.test(v),
      message: "A file needs a name of at most 255 characters.",
    },
    size: {
      required: true,
      check: (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0,
      message: "A file has a size that is not a whole number of bytes.",
    },
    mime: {
      required: true,
      check: (v) => typeof v === "string" && MIME.test(v),
      message: "A file has a type that is not a valid media type.",
    },
  },
  embed: {
    provider: {
      required: true,
      check: isEmbedProvider,
      message: "An embed comes from a site Atelier cannot embed. Only YouTube and Vimeo are supported.",
    },
    id: { required: true, check: (v) => typeof v === "string", message: "An embed has no video id." },
  },
};

/** Checks that span attributes; `attrs` holds the node's attributes (absent ones are null). */
export const NODE_CHECKS: Record<string, (attrs: (key: string) => AttrValue) => string | null> = {
  video: (attr) => {
    const uploaded = attr("mediaId") !== null;
    const provider = attr("provider");
    const hosted = provider !== null || attr("videoId") !== null;
    if (uploaded === hosted) return "A video must be either an uploaded file or a YouTube/Vimeo video, not both or neither.";
    if (hosted && !isEmbedId(provider, attr("videoId"))) {
      return `A video has an id that is not a valid ${provider === "vimeo" ? "Vimeo" : "YouTube"} video id.`;
    }
    if (!uploaded && attr("posterMediaId") !== null) return "Only an uploaded video can have a poster image.";
    return null;
  },
  embed: (attr) =>
    isEmbedId(attr("provider"), attr("id"))
      ? null
      : `An embed has an id that is not a valid ${attr("provider") === "vimeo" ? "Vimeo" : "YouTube"} video id.`,
};
