// The procedures as a client reaches them: identity checks, strict input, and errors mapped to
// tRPC codes with plain words, all through the in-process caller on the real database.
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught, TECHNICAL_DETAIL } from "@/test/errors";
import { createCreator, createPost, createUser, docWithText } from "../testing/factories";
import { appRouter, createCaller } from "./root";

function callerFor(viewer: ViewerLike = null, db?: Db) {
  return createCaller(serviceContext({ viewer, db }));
}

/** What an HTTP client receives for `error`: the formatted shape, as the fetch adapter sends it. */
function shapeOf(error: TRPCError, path: string) {
  return getErrorShape({ config: appRouter._def._config, error, type: "mutation", path, input: undefined, ctx: undefined });
}

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("identity", () => {
  it("asks anonymous callers to sign in before listing posts", async () => {
    const error = await refusal(callerFor().post.library.list({}));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toBe("Sign in to continue.");
  });

  it("asks a signed-in user without a creator page to set one up", async () => {
    const user = await createUser(testDb());
    const error = await refusal(callerFor(user).post.library.list({}));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Set up your creator page first.");
  });

  it("lists only the caller's own posts", async () => {
    const db = testDb();
    const mine = await createCreator(db);
    const theirs = await createCreator(db);
    const post = await createPost(db, { creator: mine, title: "Mine" });
    await createPost(db, { creator: theirs, title: "Theirs" });

    const list = await callerFor(mine.user).post.library.list({});

    expect(list.items.map((p) => p.id)).toEqual([post.id]);
  });
});

describe("input", () => {
  it("refuses an unknown field instead of ignoring it", async () => {
    const user = await createUser(testDb());

    const error = await refusal(
      callerFor(user).creator.setup({
        handle: "unknown-key-test",
        displayName: "Sneaky",
        isAdmin: true,
      } as unknown as Parameters<ReturnType<typeof callerFor>["creator"]["setup"]>[0]),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Some fields need another look.");
    expect(await callerFor(user).creator.me()).toBeNull();
  });

  it("sends field errors a form can show next to the handle", async () => {
    const user = await createUser(testDb());

    const error = await refusal(callerFor(user).creator.setup({ handle: "studio", displayName: "Studio" }));

    expect(error.code).toBe("BAD_REQUEST");
    expect(shapeOf(error, "creator.setup").data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      fieldErrors: { handle: ["That name is reserved by Atelier. Try another."] },
    });
  });
});

describe("typed errors", () => {
  it("reports someone else's post as not found", async () => {
    const db = testDb();
    const owner = await createCreator(db);
    const other = await createCreator(db);
    const post = await createPost(db, { creator: owner, title: "Private" });

    const read = await refusal(callerFor(other.user).post.byId({ id: post.id }));
    const save = await refusal(
      callerFor(other.user).post.save({ id: post.id, baseVersion: post.version, title: "Hijack", document: docWithText("x") }),
    );

    for (const error of [read, save]) {
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("This post does not exist or was deleted.");
    }
    expect(shapeOf(read, "post.byId").data).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, appCode: "NOT_FOUND" });
  });

  it("refuses a stale save with CONFLICT and keeps the stored text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Draft", document: docWithText("First.") });
    const caller = callerFor(creator.user);
    await caller.post.save({ id: post.id, baseVersion: post.version, title: "Draft", document: docWithText("Second.") });

    const error = await refusal(
      caller.post.save({ id: post.id, baseVersion: post.version, title: "Draft", document: docWithText("Stale.") }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(shapeOf(error, "post.save").data).toMatchObject({ httpStatus: 409, appCode: "CONFLICT" });
    expect((await caller.post.byId({ id: post.id })).html).toBe("<p>Second.</p>");
  });

  it("names the field of a refused document", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator });
    const hostile = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
    };

    const error = await refusal(
      callerFor(creator.user).post.save({ id: post.id, baseVersion: post.version, title: "T", document: hostile }),
    );

    expect(error.code).toBe("BAD_REQUEST");
    expect(shapeOf(error, "post.save").data).toMatchObject({ appCode: "INVALID_INPUT", field: "document" });
  });

  it("maps a taken handle to CONFLICT on the handle field", async () => {
    const db = testDb();
    const existing = await createCreator(db);
    const user = await createUser(db);

    const error = await refusal(callerFor(user).creator.setup({ handle: existing.handle, displayName: "Me too" }));

    expect(error.code).toBe("CONFLICT");
    expect(shapeOf(error, "creator.setup").data).toMatchObject({ appCode: "ALREADY_EXISTS", field: "handle" });
  });
});

describe("error messages", () => {
  it("are plain words, with no SQL, driver detail or stack, for every refusal a user can cause", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const other = await createCreator(db);
    const user = await createUser(db);
    const post = await createPost(db, { creator });
    const stale = { id: post.id, baseVersion: post.version, title: "T", document: docWithText("a") };
    await callerFor(creator.user).post.save(stale);

    const errors = await Promise.all([
      refusal(callerFor().post.library.list({})),
      refusal(callerFor(user).post.library.list({})),
      refusal(callerFor(other.user).post.byId({ id: post.id })),
      refusal(callerFor(creator.user).post.save(stale)),
      refusal(callerFor(creator.user).post.publish({ id: post.id, baseVersion: 0 })),
      refusal(callerFor(user).creator.setup({ handle: other.handle, displayName: "x" })),
      refusal(callerFor(user).creator.setup({ handle: "a", displayName: "" })),
    ]);

    for (const error of errors) {
      const shape = shapeOf(error, "any");
      expect(shape.message).not.toMatch(TECHNICAL_DETAIL);
      expect(shape.data).not.toHaveProperty("stack", expect.anything());
      expect(shape.data.httpStatus).toBeGreaterThanOrEqual(400);
      expect(shape.data.httpStatus).toBeLessThan(500);
    }
  });

  it("hide what went wrong inside when the database itself fails", async () => {
    const creator = await createCreator(testDb());
    // A real connection that has been closed: the driver throws its own error on the next query.
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const closedDb = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
    await client.end();

    const error = await refusal(callerFor(creator.user, closedDb).post.library.list({}));
    const shape = shapeOf(error, "post.list");

    expect(error.code).toBe("INTERNAL_SERVER_ERROR");
    expect(shape.message).toBe("Something went wrong on our side. Please try again.");
    expect(shape.data).toMatchObject({ httpStatus: 500, appCode: null });
    expect(shape.data).not.toHaveProperty("stack", expect.anything());
  });
});
