import { describe, expect, it } from "vitest";
import { media } from "@/db/schema";
import { AppErrorCode } from "@/lib/errors";
import { createCreator, createUser, type TestCreator } from "@/server/testing/factories";
import { serviceContext, testDb } from "@/test/db";
import { caught } from "@/test/errors";
import { listOwnImages } from "./library";

const MINUTE = 60_000;

function row(creator: TestCreator, kind: "image" | "audio", createdAt: Date) {
  return { creatorId: creator.id, kind, storageKey: `k/${crypto.randomUUID()}`, mime: "image/webp", size: 10, width: 800, height: 600, createdAt };
}

describe("the creator's image library", () => {
  it("lists only the creator's own images, newest first, a page at a time", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const other = await createCreator(db);
    const base = Date.now() - 60 * MINUTE;
    const mine = await db
      .insert(media)
      .values([0, 1, 2, 3, 4].map((n) => row(creator, "image", new Date(base + n * MINUTE))))
      .returning();
    await db.insert(media).values([row(other, "image", new Date(base + 10 * MINUTE)), row(creator, "audio", new Date(base + 11 * MINUTE))]);
    const ctx = serviceContext({ viewer: creator.user });

    const first = await listOwnImages(ctx, { limit: 2 });
    const second = await listOwnImages(ctx, { limit: 2, cursor: first.nextCursor });
    const third = await listOwnImages(ctx, { limit: 2, cursor: second.nextCursor });

    const newestFirst = mine.map((image) => image.id).reverse();
    expect([...first.items, ...second.items, ...third.items].map((image) => image.id)).toEqual(newestFirst);
    expect(third.nextCursor).toBeNull();
    expect(first.items[0]).toEqual({ id: newestFirst[0], width: 800, height: 600, thumbUrl: `/api/media/${newestFirst[0]}?w=480`, createdAt: mine[4]!.createdAt });
  });

  it("is empty for a creator with no images, refuses a made-up cursor, and needs a creator page", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    expect(await listOwnImages(serviceContext({ viewer: creator.user }))).toEqual({ items: [], nextCursor: null });
    // Garbage, and cursors that parse as dates in JavaScript but not in PostgreSQL: a clear refusal, never a 500.
    for (const raw of ["not-a-cursor", JSON.stringify(["1", "x"]), JSON.stringify(["Jan 1", "x"]), JSON.stringify(["2026-01-01", "x"])]) {
      const cursor = raw === "not-a-cursor" ? raw : Buffer.from(raw).toString("base64url");
      expect(await caught(listOwnImages(serviceContext({ viewer: creator.user }), { cursor }))).toMatchObject({
        code: AppErrorCode.INVALID_INPUT,
        field: "cursor",
      });
    }
    const fan = await createUser(db);
    expect(await caught(listOwnImages(serviceContext({ viewer: fan })))).toMatchObject({ code: AppErrorCode.FORBIDDEN });
    expect(await caught(listOwnImages(serviceContext()))).toMatchObject({ code: AppErrorCode.UNAUTHENTICATED });
  });
});
