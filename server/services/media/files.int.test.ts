// The media pipeline against a real database and a real (temporary) media folder: uploads are
// checked by their bytes and caps, and files are served only to viewers the access policy allows.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { media, postMedia } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { MEDIA_UPLOAD_RATE } from "@/lib/media-rules";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { wav } from "@/test/wav";
import { createCreator, createMembership, createPost, createTier, createUser, type TestCreator } from "../../testing/factories";
import { openMediaForViewer, syncPostMedia, type UploadedMedia } from "./files";
import { createMediaFromUpload } from "./upload";
import { signMediaUrlsInHtml } from "./signed-url";
import { trashPost } from "../posts/lifecycle";
import { updatePostSettings } from "../posts/settings";
import { publishPost } from "../posts/editing";
import { updateCreatorProfile } from "../creators";
import { consumeRateLimit } from "../rate-limit";
import { archiveTier, createTier as createDraftTier, publishTier, updateTier } from "../memberships/tiers";

let mediaDir: string;
beforeAll(async () => {
  mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), "atelier-media-test-"));
  process.env.MEDIA_DIR = mediaDir;
});
afterAll(async () => {
  delete process.env.MEDIA_DIR;
  await fs.rm(mediaDir, { recursive: true, force: true });
});

async function* bytes(data: Uint8Array): AsyncGenerator<Uint8Array> {
  // Several chunks, as a network body arrives.
  for (let i = 0; i < data.byteLength; i += 64 * 1024) yield data.subarray(i, i + 64 * 1024);
}

async function readAll(body: Readable | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const photo = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: "#4a7" } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Make: "TestCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } } })
    .toBuffer();

async function upload(creator: TestCreator, kind: string, data: Uint8Array, originalName = "upload.bin"): Promise<UploadedMedia> {
  return createMediaFromUpload(serviceContext({ viewer: creator.user }), { kind, stream: bytes(data), originalName, declaredSize: data.byteLength });
}

function imageDoc(mediaId: string) {
  return { type: "doc", content: [{ type: "image", attrs: { mediaId, alt: "A field" } }] };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createMediaFromUpload", () => {
  it("stores a re-encoded image with its size, placeholder and variants, and no metadata", async () => {
    const creator = await createCreator(testDb());
    const uploaded = await upload(creator, "image", await photo(), "field.jpg");
    expect(uploaded).toMatchObject({ kind: "image", mime: "image/webp", width: 1200, height: 800, name: "field.jpg", durationSeconds: null });
    expect(uploaded.blurDataUrl).toMatch(/^data:image\/webp;base64,/);

    const opened = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id);
    const served = await readAll(opened.body);
    expect(opened.headers["Content-Type"]).toBe("image/webp");
    expect(served.byteLength).toBe(uploaded.size);
    const meta = await sharp(served).metadata();
    expect(meta.exif).toBeUndefined();
    expect(served.includes("TestCam")).toBe(false);

    const small = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id, { width: 480 });
    expect((await sharp(await readAll(small.body)).metadata()).width).toBe(480);
  });

  it("refuses a text file named .jpg, and keeps nothing of it", async () => {
    const creator = await createCreator(testDb());
    const error = await refusal(upload(creator, "image", new TextEncoder().encode("not a picture at all"), "holiday.jpg"));
    expect(error).toMatchObject({ code: "INVALID_INPUT", field: "file", message: "This is not an image we accept. Use JPEG, PNG, WebP, GIF or AVIF." });
    expect(await testDb().select().from(media).where(eq(media.creatorId, creator.id))).toEqual([]);
    await expect(fs.readdir(path.join(mediaDir, creator.id))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses SVG images", async () => {
    const creator = await createCreator(testDb());
    const svg = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`);
    const error = await refusal(upload(creator, "image", svg, "logo.png"));
    expect(error.message).toMatch(/^SVG images are not accepted/);
  });

  it("refuses uploads over the cap, announced or not", async () => {
    const creator = await createCreator(testDb());
    const ctx = serviceContext({ viewer: creator.user });
    const announced = await refusal(
      createMediaFromUpload(ctx, { kind: "image", stream: bytes(new Uint8Array(10)), originalName: "big.png", declaredSize: 25_000_000 }),
    );
    expect(announced).toMatchObject({ field: "size", message: "This image (25 MB) is too large: the limit is 20 MB." });

    // A client that lies about (or omits) its length is cut off while streaming.
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } }).png().toBuffer();
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield png;
      const chunk = new Uint8Array(1024 * 1024);
      for (let i = 0; i < 30; i++) yield chunk;
    }
    const streamed = await refusal(createMediaFromUpload(ctx, { kind: "image", stream: endless(), originalName: "big.png", declaredSize: null }));
    expect(streamed).toMatchObject({ field: "size", message: "This image is too large: the limit is 20 MB." });
  });

  it("asks for a creator page, and for a signed-in user", async () => {
    const fan = await createUser(testDb());
    const data = await photo();
    const asFan = await refusal(createMediaFromUpload(serviceContext({ viewer: fan }), { kind: "image", stream: bytes(data), originalName: "a.jpg" }));
    expect(asFan).toMatchObject({ code: "FORBIDDEN", message: "Set up your creator page first." });
    const anonymous = await refusal(createMediaFromUpload(serviceContext(), { kind: "image", stream: bytes(data), originalName: "a.jpg" }));
    expect(anonymous.code).toBe("UNAUTHENTICATED");
  });

  it("slows down a flood of uploads from one creator", async () => {
    const creator = await createCreator(testDb());
    // Spend the hour's allowance directly; uploading 120 files would only make the test slow.
    for (let i = 0; i < MEDIA_UPLOAD_RATE.limit; i++) {
      await consumeRateLimit(testDb(), `media:upload:${creator.id}`, MEDIA_UPLOAD_RATE);
    }
    const error = await refusal(upload(creator, "image", await photo()));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.message).toMatch(/^You have uploaded a lot in a short time\. Try again in \d+ minutes?\.$/);
  });

  it("reads an audio file's duration and serves byte ranges for seeking", async () => {
    const creator = await createCreator(testDb());
    const uploaded = await upload(creator, "audio", wav(2.5), "episode.wav");
    expect(uploaded.mime).toBe("audio/wav");
    expect(uploaded.durationSeconds).toBeCloseTo(2.5, 2);

    const part = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id, { range: "bytes=0-99" });
    expect(part.status).toBe(206);
    expect(part.headers["Content-Range"]).toBe(`bytes 0-99/${uploaded.size}`);
    expect((await readAll(part.body)).subarray(0, 4).toString()).toBe("RIFF");

    const beyond = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id, { range: `bytes=${uploaded.size}-` });
    expect(beyond.status).toBe(416);
  });

  it("offers attachments as downloads under their own name", async () => {
    const creator = await createCreator(testDb());
    const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    const uploaded = await upload(creator, "file", pdf, "Chapter «1».pdf");
    const opened = await openMediaForViewer(serviceContext({ viewer: creator.user }), uploaded.id);
    await readAll(opened.body);
    expect(opened.headers["Content-Type"]).toBe("application/pdf");
    expect(opened.headers["Content-Disposition"]).toBe(`attachment; filename="Chapter _1_.pdf"; filename*=UTF-8''Chapter%20%C2%AB1%C2%BB.pdf`);
    expect(opened.headers["X-Content-Type-Options"]).toBe("nosniff");
  });
});

describe("openMediaForViewer", () => {
  async function setup() {
    const db = testDb();
    const creator = await createCreator(db);
    const image = await upload(creator, "image", await sharp({ create: { width: 20, height: 20, channels: 3, background: "#000" } }).png().toBuffer());
    return { db, creator, image };
  }

  async function notFound(promise: Promise<unknown>) {
    const error = await refusal(promise);
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "This file does not exist or is not available to you." });
  }

  it("serves media in no post to its creator only", async () => {
    const { db, creator, image } = await setup();
    const own = await openMediaForViewer(serviceContext({ viewer: creator.user }), image.id);
    own.body?.destroy();
    expect(own.headers["Cache-Control"]).toBe("private, no-store");
    await notFound(openMediaForViewer(serviceContext(), image.id));
    await notFound(openMediaForViewer(serviceContext({ viewer: await createUser(db) }), image.id));
    const other = await createCreator(db);
    await notFound(openMediaForViewer(serviceContext({ viewer: other.user }), image.id));
  });

  it("serves a published public post's image to anyone, cacheably", async () => {
    const { db, creator, image } = await setup();
    const post = await createPost(db, { creator, publish: true });
    await syncPostMedia(db, post.id, creator.id, imageDoc(image.id));
    const opened = await openMediaForViewer(serviceContext(), image.id);
    opened.body?.destroy();
    expect(opened.status).toBe(200);
    expect(opened.headers["Cache-Control"]).toBe("public, max-age=600");
  });

  it("opens a gated file to a signed address from an email until it expires, and to nothing forged", async () => {
    const { db, creator, image } = await setup();
    const post = await createPost(db, { creator, publish: true, access: "paid" });
    await syncPostMedia(db, post.id, creator.id, imageDoc(image.id));
    await notFound(openMediaForViewer(serviceContext(), image.id));

    const now = new Date();
    const signed = signMediaUrlsInHtml(`<img src="/api/media/${image.id}?w=480">`, new Date(now.getTime() + 60_000), new Set([image.id]));
    const url = new URL(/src="([^"]+)"/.exec(signed)![1]!.replaceAll("&amp;", "&"), "http://site.test");
    const grant = { expires: url.searchParams.get("exp"), signature: url.searchParams.get("sig") };
    const opened = await openMediaForViewer(serviceContext({ now }), image.id, { grant });
    opened.body?.destroy();
    expect(opened.status).toBe(200);
    expect(opened.headers["Cache-Control"]).toBe("private, no-store");

    await notFound(openMediaForViewer(serviceContext({ now: new Date(now.getTime() + 120_000) }), image.id, { grant }));
    await notFound(openMediaForViewer(serviceContext({ now }), image.id, { grant: { ...grant, expires: String(Number(grant.expires) + 3600) } }));
    const otherImage = await upload(creator, "image", await sharp({ create: { width: 8, height: 8, channels: 3, background: "#333" } }).png().toBuffer());
    await syncPostMedia(db, post.id, creator.id, { type: "doc", content: [...imageDoc(image.id).content, ...imageDoc(otherImage.id).content] });
    await notFound(openMediaForViewer(serviceContext({ now }), otherImage.id, { grant }));
  });

  it("does not serve a draft's image to others", async () => {
    const { db, creator, image } = await setup();
    const draft = await createPost(db, { creator });
    await syncPostMedia(db, draft.id, creator.id, imageDoc(image.id));
    await notFound(openMediaForViewer(serviceContext(), image.id));
  });

  it("serves a paid post's image only to paying members, privately", async () => {
    const { db, creator, image } = await setup();
    const post = await createPost(db, { creator, publish: true, access: "paid" });
    await syncPostMedia(db, post.id, creator.id, imageDoc(image.id));

    await notFound(openMediaForViewer(serviceContext(), image.id));
    await notFound(openMediaForViewer(serviceContext({ viewer: await createUser(db) }), image.id));

    const freeMember = await createMembership(db, { tier: await createTier(db, { creator, name: "Free", monthlyPrice: 0 }) });
    await notFound(openMediaForViewer(serviceContext({ viewer: freeMember.user }), image.id));

    const payingMember = await createMembership(db, { tier: await createTier(db, { creator, name: "Supporter", monthlyPrice: 500 }) });
    const opened = await openMediaForViewer(serviceContext({ viewer: payingMember.user }), image.id);
    opened.body?.destroy();
    expect(opened.status).toBe(200);
    expect(opened.headers["Cache-Control"]).toBe("private, no-store");

    // The creator sees their own gated media, never from a shared cache either.
    const own = await openMediaForViewer(serviceContext({ viewer: creator.user }), image.id);
    own.body?.destroy();
    expect(own.headers["Cache-Control"]).toBe("private, no-store");
  });

  it("treats unknown and malformed ids as missing", async () => {
    await notFound(openMediaForViewer(serviceContext(), "0190f5b2-0000-7000-8000-000000000000"));
    await notFound(openMediaForViewer(serviceContext(), "../../etc/passwd"));
  });
});

describe("covers", () => {
  const square = (background: string) => sharp({ create: { width: 24, height: 24, channels: 3, background } }).png().toBuffer();

  async function setup() {
    const db = testDb();
    const creator = await createCreator(db);
    const own = { ...serviceContext({ viewer: creator.user }), creator };
    return { db, creator, own, image: (background = "#345") => square(background).then((png) => upload(creator, "image", png, "cover.png")) };
  }

  async function servedTo(ctx: ReturnType<typeof serviceContext>, mediaId: string): Promise<string> {
    const opened = await openMediaForViewer(ctx, mediaId).catch((error: unknown) => error);
    if (opened instanceof AppError) return opened.code;
    const response = opened as Awaited<ReturnType<typeof openMediaForViewer>>;
    response.body?.destroy();
    return `${response.status} ${response.headers["Cache-Control"]}`;
  }

  it("shows a listed post's cover to everyone, a gated one's too, but not the gated body", async () => {
    const { db, creator, own, image } = await setup();
    const cover = await image();
    const bodyOnly = await image("#a00");
    const post = await createPost(db, { creator, access: "paid", document: imageDoc(bodyOnly.id) });
    await updatePostSettings(own, { id: post.id, coverMediaId: cover.id });

    // A draft's cover is as private as the draft.
    expect(await servedTo(serviceContext(), cover.id)).toBe("NOT_FOUND");
    expect(await servedTo(serviceContext({ viewer: creator.user }), cover.id)).toBe("200 private, no-store");

    await publishPost(own, { id: post.id, baseVersion: post.version });
    expect(await servedTo(serviceContext(), cover.id)).toBe("200 public, max-age=600");
    expect(await servedTo(serviceContext({ viewer: await createUser(db) }), cover.id)).toBe("200 public, max-age=600");
    expect(await servedTo(serviceContext(), bodyOnly.id)).toBe("NOT_FOUND");

    await trashPost(own, { id: post.id });
    expect(await servedTo(serviceContext(), cover.id)).toBe("NOT_FOUND");
  });

  it("keeps a cover public when the same file is also in a gated body: the creator chose to show it", async () => {
    const { db, creator, own, image } = await setup();
    const shared = await image();
    await createPost(db, { creator, access: "paid", publish: true, document: imageDoc(shared.id) });
    expect(await servedTo(serviceContext(), shared.id)).toBe("NOT_FOUND");
    const listed = await createPost(db, { creator, access: "members", publish: true });
    await updatePostSettings(own, { id: listed.id, coverMediaId: shared.id });
    expect(await servedTo(serviceContext(), shared.id)).toBe("200 public, max-age=600");
  });

  it("shows a published tier's cover to everyone, a draft or archived tier's to its creator only", async () => {
    const { own, creator, image } = await setup();
    const cover = await image();
    const tier = await createDraftTier(own, { name: "Studio circle", monthlyPrice: 500, coverMediaId: cover.id });
    expect(tier.coverMediaId).toBe(cover.id);
    expect(await servedTo(serviceContext(), cover.id)).toBe("NOT_FOUND");
    expect(await servedTo(serviceContext({ viewer: creator.user }), cover.id)).toBe("200 private, no-store");
    await publishTier(own, tier.id);
    expect(await servedTo(serviceContext(), cover.id)).toBe("200 public, max-age=600");
    await archiveTier(own, tier.id);
    expect(await servedTo(serviceContext(), cover.id)).toBe("NOT_FOUND");
  });

  it("takes only the creator's own image as a tier cover, and says so next to the field", async () => {
    const { db, own, image } = await setup();
    const other = await createCreator(db);
    const theirs = await upload(other, "image", await square("#0a0"), "theirs.png");
    const attachment = await upload(own.creator, "file", new TextEncoder().encode("%PDF-1.4 a tiny file"), "notes.pdf");
    const refusal = { code: "INVALID_INPUT", field: "coverMediaId", message: "Choose one of your own images as the cover." };
    for (const coverMediaId of [theirs.id, attachment.id, "0190f5b2-0000-7000-8000-000000000000", "../../etc/passwd"]) {
      expect(await caught(createDraftTier(own, { name: "Circle", monthlyPrice: 0, coverMediaId }))).toMatchObject(refusal);
    }
    const tier = await createDraftTier(own, { name: "Circle", monthlyPrice: 0 });
    expect(await caught(updateTier(own, { id: tier.id, name: "Circle", monthlyPrice: 0, coverMediaId: theirs.id }))).toMatchObject(refusal);
    // Their file does not become public through a tier of ours.
    await publishTier(own, tier.id);
    expect(await servedTo(serviceContext(), theirs.id)).toBe("NOT_FOUND");

    const mine = await image();
    expect((await updateTier(own, { id: tier.id, name: "Circle", monthlyPrice: 0, coverMediaId: mine.id })).coverMediaId).toBe(mine.id);
    // An emptied field removes the cover.
    expect((await updateTier(own, { id: tier.id, name: "Circle", monthlyPrice: 0, coverMediaId: " " })).coverMediaId).toBeNull();
  });

  it("serves a creator's picture and banner to anyone once chosen, and refuses a picture that is not their own image", async () => {
    const { db, creator, own, image } = await setup();
    const picture = await image("#a33");
    const banner = await image("#3a3");
    const profile = { handle: creator.handle, displayName: creator.displayName, tagline: "", about: "" };
    expect(await servedTo(serviceContext(), picture.id)).toBe("NOT_FOUND");
    await updateCreatorProfile(own, { ...profile, avatarMediaId: picture.id, bannerMediaId: banner.id });
    expect(await servedTo(serviceContext(), picture.id)).toBe("200 public, max-age=600");
    expect(await servedTo(serviceContext(), banner.id)).toBe("200 public, max-age=600");

    const other = await createCreator(db);
    const theirs = await square("#333").then((png) => upload(other, "image", png, "theirs.png"));
    expect(await caught(updateCreatorProfile(own, { ...profile, avatarMediaId: theirs.id }))).toMatchObject({ code: "INVALID_INPUT", field: "avatarMediaId" });
    expect(await servedTo(serviceContext(), theirs.id)).toBe("NOT_FOUND");
    // Taken away, the picture is the creator's own file again.
    await updateCreatorProfile(own, { ...profile, avatarMediaId: null });
    expect(await servedTo(serviceContext(), picture.id)).toBe("NOT_FOUND");
  });
});

describe("syncPostMedia", () => {
  it("follows the document, and ignores ids of another creator's media", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const other = await createCreator(db);
    const mine = await upload(creator, "image", await sharp({ create: { width: 8, height: 8, channels: 3, background: "#111" } }).png().toBuffer());
    const theirs = await upload(other, "image", await sharp({ create: { width: 8, height: 8, channels: 3, background: "#222" } }).png().toBuffer());
    const post = await createPost(db, { creator, publish: true });
    const rows = () => db.select({ mediaId: postMedia.mediaId }).from(postMedia).where(eq(postMedia.postId, post.id));

    await syncPostMedia(db, post.id, creator.id, {
      type: "doc",
      content: [...imageDoc(mine.id).content, ...imageDoc(theirs.id).content],
    });
    expect(await rows()).toEqual([{ mediaId: mine.id }]);
    // Another creator's file does not become public by being named in this public post.
    await notFound(openMediaForViewer(serviceContext(), theirs.id));

    await syncPostMedia(db, post.id, creator.id, { type: "doc", content: [{ type: "paragraph" }] });
    expect(await rows()).toEqual([]);
    await notFound(openMediaForViewer(serviceContext(), mine.id));
  });

  async function notFound(promise: Promise<unknown>) {
    const error = await refusal(promise);
    expect(error.code).toBe("NOT_FOUND");
  }
});
