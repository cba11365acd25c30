import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { creators } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { creatorWithTiers } from "@/test/memberships";
import { docWithText } from "../testing/documents";
import { createCreator, createPost, createUser } from "../testing/factories";
import { readFeaturedPost } from "./posts/reads";
import { trashPost } from "./posts/lifecycle";
import {
  checkHandleAvailability,
  createCreatorPage,
  findHandleRedirect,
  getCreatorByHandle,
  getOwnCreator,
  setFeaturedPost,
  updateCreatorProfile,
} from "./creators";

function freshHandle(prefix = "maker"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

async function pagesOf(userId: string) {
  return testDb().select({ handle: creators.handle }).from(creators).where(eq(creators.userId, userId));
}

/** The messages a form would show next to the handle field. */
function handleMessages(error: unknown): string[] {
  expect(error).toBeInstanceOf(ZodError);
  return (error as ZodError).issues.filter((issue) => issue.path[0] === "handle").map((issue) => issue.message);
}

describe("createCreatorPage", () => {
  it("sets up a page that is then found by its handle", async () => {
    const db = testDb();
    const user = await createUser(db);
    const handle = freshHandle();
    const ctx = serviceContext({ viewer: user });

    const created = await createCreatorPage(ctx, { handle, displayName: "Ada's Workshop", tagline: "Looms", about: "" });

    expect(created).toMatchObject({ handle, displayName: "Ada's Workshop", tagline: "Looms", userId: user.id });
    expect(await getCreatorByHandle(serviceContext(), handle)).toMatchObject({ id: created.id, displayName: "Ada's Workshop" });
    expect(await getOwnCreator(ctx)).toMatchObject({ id: created.id });
  });

  it("lower-cases a handle typed with capitals", async () => {
    const db = testDb();
    const user = await createUser(db);
    const handle = freshHandle("MixedCase");

    const created = await createCreatorPage(serviceContext({ viewer: user }), {
      handle: `  ${handle} `,
      displayName: "Mixed",
      tagline: "",
      about: "",
    });

    expect(created.handle).toBe(handle.toLowerCase());
    expect(await getCreatorByHandle(serviceContext(), handle)).toMatchObject({ id: created.id });
  });

  it.each([
    ["studio", "That name is reserved by Atelier. Try another."],
    ["ab", "Use at least 3 characters."],
    ["has space", "Use only lowercase letters, digits and hyphens."],
    ["-edgy-", "A handle cannot start or end with a hyphen."],
  ])("refuses the handle %j and creates nothing", async (handle, message) => {
    const db = testDb();
    const user = await createUser(db);

    const error = await caught(
      createCreatorPage(serviceContext({ viewer: user }), { handle, displayName: "Nope", tagline: "", about: "" }),
    );

    expect(handleMessages(error)).toEqual([message]);
    expect(await pagesOf(user.id)).toEqual([]);
  });

  it("refuses a handle someone else has, whatever its case", async () => {
    const db = testDb();
    const first = await createCreator(db);
    const user = await createUser(db);

    const error = await caught(
      createCreatorPage(serviceContext({ viewer: user }), {
        handle: first.handle.toUpperCase(),
        displayName: "Copycat",
        tagline: "",
        about: "",
      }),
    );

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", field: "handle", message: `@${first.handle} is taken. Try another.` });
    expect(await pagesOf(user.id)).toEqual([]);
  });

  it("gives a handle to exactly one of two people claiming it at once", async () => {
    const db = testDb();
    const [a, b] = await Promise.all([createUser(db), createUser(db)]);
    const handle = freshHandle("contested");

    const results = await Promise.allSettled(
      [a, b].map((user) =>
        createCreatorPage(serviceContext({ viewer: user }), { handle, displayName: "Mine", tagline: "", about: "" }),
      ),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "ALREADY_EXISTS", field: "handle" });
  });

  it("does not let one user have two pages", async () => {
    const db = testDb();
    const creator = await createCreator(db);

    const error = await caught(
      createCreatorPage(serviceContext({ viewer: creator.user }), {
        handle: freshHandle("second"),
        displayName: "Second page",
        tagline: "",
        about: "",
      }),
    );

    expect(error).toMatchObject({ code: "ALREADY_EXISTS", message: "You already have a creator page." });
    expect(await pagesOf(creator.userId)).toEqual([{ handle: creator.handle }]);
  });

  it("does not let one user end up with two pages by submitting twice at once", async () => {
    const db = testDb();
    const user = await createUser(db);
    const ctx = serviceContext({ viewer: user });

    const results = await Promise.allSettled(
      [freshHandle("one"), freshHandle("two")].map((handle) =>
        createCreatorPage(ctx, { handle, displayName: "Twice", tagline: "", about: "" }),
      ),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "ALREADY_EXISTS" });
    expect(await pagesOf(user.id)).toHaveLength(1);
  });

  it("asks an anonymous visitor to sign in first", async () => {
    const error = await caught(
      createCreatorPage(serviceContext(), { handle: freshHandle(), displayName: "Ghost", tagline: "", about: "" }),
    );
    expect(error).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("checkHandleAvailability", () => {
  it("answers as the creator types: free, taken, invalid, and their own handle", async () => {
    const db = testDb();
    const existing = await createCreator(db);
    const typing = await createUser(db);
    const ctx = serviceContext({ viewer: typing });
    const free = freshHandle("free");

    expect(await checkHandleAvailability(ctx, ` ${free.toUpperCase()}`)).toEqual({
      handle: free,
      available: true,
      message: `@${free} is available.`,
    });
    expect(await checkHandleAvailability(ctx, existing.handle)).toEqual({
      handle: existing.handle,
      available: false,
      message: `@${existing.handle} is taken. Try another.`,
    });
    expect(await checkHandleAvailability(ctx, "Studio")).toEqual({
      handle: "studio",
      available: false,
      message: "That name is reserved by Atelier. Try another.",
    });
    expect(await checkHandleAvailability(ctx, "ab")).toMatchObject({ available: false, message: "Use at least 3 characters." });
    // Editing their own page, a creator may keep the handle they already have.
    expect(await checkHandleAvailability(serviceContext({ viewer: existing.user }), existing.handle)).toMatchObject({
      available: true,
    });
  });
});

describe("updateCreatorProfile", () => {
  it("lets a creator keep their handle or move to a free one, but not to a taken one", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const other = await createCreator(db);
    const ctx = serviceContext({ viewer: creator.user });
    const profile = { displayName: "Renamed", tagline: "", about: "" };

    expect(await updateCreatorProfile(ctx, { ...profile, handle: creator.handle })).toMatchObject({ handle: creator.handle });
    const moved = freshHandle("moved");
    expect(await updateCreatorProfile(ctx, { ...profile, handle: moved })).toMatchObject({ handle: moved, displayName: "Renamed" });

    const error = await caught(updateCreatorProfile(ctx, { ...profile, handle: other.handle }));
    expect(error).toMatchObject({ code: "ALREADY_EXISTS", field: "handle" });
    expect(await getCreatorByHandle(serviceContext(), moved)).toMatchObject({ id: creator.id });
  });

  it("gives a free handle to exactly one of two creators moving to it at once", async () => {
    const db = testDb();
    const [a, b] = await Promise.all([createCreator(db), createCreator(db)]);
    const handle = freshHandle("moving");

    const results = await Promise.allSettled(
      [a, b].map((creator) =>
        updateCreatorProfile(serviceContext({ viewer: creator.user }), { handle, displayName: "Mine", tagline: "", about: "" }),
      ),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "ALREADY_EXISTS", field: "handle" });
  });
});

describe("renamed handles", () => {
  it("sends an old handle to the creator's current one, through every later rename", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = serviceContext({ viewer: creator.user });
    const profile = { displayName: "Moving", tagline: "", about: "" };
    const [second, third] = [freshHandle("second"), freshHandle("third")];

    await updateCreatorProfile(ctx, { ...profile, handle: second });
    await updateCreatorProfile(ctx, { ...profile, handle: third });

    expect(await getCreatorByHandle(serviceContext(), creator.handle)).toBeNull();
    expect(await findHandleRedirect(serviceContext(), creator.handle.toUpperCase())).toBe(third);
    expect(await findHandleRedirect(serviceContext(), second)).toBe(third);
    expect(await findHandleRedirect(serviceContext(), freshHandle("never-used"))).toBeNull();
  });

  it("keeps a retired handle for its creator: others cannot take it, the creator can take it back", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const ctx = serviceContext({ viewer: creator.user });
    const profile = { displayName: "Back and forth", tagline: "", about: "" };
    const original = creator.handle;
    await updateCreatorProfile(ctx, { ...profile, handle: freshHandle("elsewhere") });

    const other = await createCreator(db);
    expect(await checkHandleAvailability(serviceContext({ viewer: other.user }), original)).toMatchObject({ available: false });
    expect(await caught(updateCreatorProfile(serviceContext({ viewer: other.user }), { ...profile, handle: original }))).toMatchObject({
      code: "ALREADY_EXISTS",
      field: "handle",
    });
    const newcomer = await createUser(db);
    expect(
      await caught(createCreatorPage(serviceContext({ viewer: newcomer }), { ...profile, handle: original })),
    ).toMatchObject({ code: "ALREADY_EXISTS", field: "handle" });

    expect(await checkHandleAvailability(ctx, original)).toMatchObject({ available: true });
    await updateCreatorProfile(ctx, { ...profile, handle: original });
    expect(await getCreatorByHandle(serviceContext(), original)).toMatchObject({ id: creator.id });
    expect(await findHandleRedirect(serviceContext(), original)).toBeNull();
  });
});

describe("a creator page's links and featured post", () => {
  it("keeps up to five http(s) links in order and refuses any other kind of address", async () => {
    const creator = await createCreator(testDb());
    const ctx = serviceContext({ viewer: creator.user });
    const profile = { handle: creator.handle, displayName: creator.displayName, tagline: "", about: "" };
    await updateCreatorProfile(ctx, { ...profile, links: ["https://www.youtube.com/@maps", " https://example.org/shop "] });
    expect((await getCreatorByHandle(serviceContext({ viewer: null }), creator.handle))?.links).toEqual(["https://www.youtube.com/@maps", "https://example.org/shop"]);
    for (const bad of ["javascript:alert(1)", "/studio", "ftp://example.org", "https://"]) {
      const error = await caught(updateCreatorProfile(ctx, { ...profile, links: [bad] }));
      expect(error, bad).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0]!.path[0]).toBe("links");
    }
    expect(await caught(updateCreatorProfile(ctx, { ...profile, links: Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`) }))).toBeInstanceOf(ZodError);
  });

  it("features one of the creator's own published posts, shown to each reader as the policy allows, and nothing once it is gone", async () => {
    const { creator } = await creatorWithTiers();
    const ctx = serviceContext({ viewer: creator.user });
    const secret = "FEATURED-SECRET-WORDS";
    const gated = await createPost(testDb(), { creator, title: "The big one", publish: true, access: "paid", document: docWithText(secret) });
    const draft = await createPost(testDb(), { creator, title: "Not yet" });
    const others = await createPost(testDb(), { creator: await createCreator(testDb()), publish: true });
    expect(await caught(setFeaturedPost(ctx, { postId: draft.id }))).toMatchObject({ code: "INVALID_INPUT", field: "postId" });
    expect(await caught(setFeaturedPost(ctx, { postId: others.id }))).toMatchObject({ code: "INVALID_INPUT", field: "postId" });
    expect(await caught(setFeaturedPost(serviceContext({ viewer: await createUser(testDb()) }), { postId: gated.id }))).toMatchObject({ code: "FORBIDDEN" });

    await setFeaturedPost(ctx, { postId: gated.id });
    const stranger = await readFeaturedPost(serviceContext({ viewer: null }), creator.id);
    expect(stranger).toMatchObject({ title: "The big one", locked: true });
    expect(JSON.stringify(stranger)).not.toContain(secret);
    await trashPost(ctx, { id: gated.id });
    expect(await readFeaturedPost(serviceContext({ viewer: null }), creator.id)).toBeNull();
    await setFeaturedPost(ctx, { postId: null });
    expect((await getOwnCreator(ctx))?.featuredPostId).toBeNull();
  });
});
