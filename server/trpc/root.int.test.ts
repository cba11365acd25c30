// The procedures as a client reaches them: identity checks, strict input, and errors mapped to
// tRPC codes with plain words, through the in-process caller and, where the wire format matters,
// over HTTP as the browser gets them, on the real database.
import { TRPCError } from "@trpc/server";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { serviceContext, testDb, type ViewerLike } from "@/test/db";
import { caught, TECHNICAL_DETAIL } from "@/test/errors";
import { httpClient, refusedOverHttp } from "@/test/trpc-http";
import { createCreator, createPost, createUser, docWithText } from "../testing/factories";
import { createCaller } from "./root";

function callerFor(viewer: ViewerLike = null, db?: Db) {
  return createCaller(serviceContext({ viewer, db }));
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

    const error = await refusedOverHttp(httpClient(user).creator.setup.mutate({ handle: "studio", displayName: "Studio" }));

    expect(error.status).toBe(400);
    expect(error.data).toMatchObject({
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

    const read = await refusedOverHttp(httpClient(other.user).post.byId.query({ id: post.id }));
    const save = await refusedOverHttp(
      httpClient(other.user).post.save.mutate({ id: post.id, baseVersion: post.version, title: "Hijack", document: docWithText("x") }),
    );

    for (const error of [read, save]) {
      expect(error.status).toBe(404);
      expect(error.data).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, appCode: "NOT_FOUND" });
      expect(error.message).toBe("This post does not exist or was deleted.");
    }
  });

  it("refuses a stale save with CONFLICT and keeps the stored text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Draft", document: docWithText("First.") });
    const caller = callerFor(creator.user);
    await caller.post.save({ id: post.id, baseVersion: post.version, title: "Draft", document: docWithText("Second.") });

    const error = await refusedOverHttp(
      httpClient(creator.user).post.save.mutate({ id: post.id, baseVersion: post.version, title: "Draft", document: docWithText("Stale.") }),
    );

    expect(error.status).toBe(409);
    expect(error.data).toMatchObject({ code: "CONFLICT", httpStatus: 409, appCode: "CONFLICT" });
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

    const error = await refusedOverHttp(
      httpClient(creator.user).post.save.mutate({ id: post.id, baseVersion: post.version, title: "T", document: hostile }),
    );

    expect(error.status).toBe(400);
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", appCode: "INVALID_INPUT", field: "document" });
  });

  it("maps a taken handle to CONFLICT on the handle field", async () => {
    const db = testDb();
    const existing = await createCreator(db);
    const user = await createUser(db);

    const error = await refusedOverHttp(httpClient(user).creator.setup.mutate({ handle: existing.handle, displayName: "Me too" }));

    expect(error.status).toBe(409);
    expect(error.data).toMatchObject({ code: "CONFLICT", appCode: "ALREADY_EXISTS", field: "handle" });
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
      refusedOverHttp(httpClient().post.library.list.query({})),
      refusedOverHttp(httpClient(user).post.library.list.query({})),
      refusedOverHttp(httpClient(other.user).post.byId.query({ id: post.id })),
      refusedOverHttp(httpClient(creator.user).post.save.mutate(stale)),
      refusedOverHttp(httpClient(creator.user).post.publish.mutate({ id: post.id, baseVersion: 0 })),
      refusedOverHttp(httpClient(user).creator.setup.mutate({ handle: other.handle, displayName: "x" })),
      refusedOverHttp(httpClient(user).creator.setup.mutate({ handle: "a", displayName: "" })),
    ]);

    for (const error of errors) {
      expect(error.message).not.toMatch(TECHNICAL_DETAIL);
      expect(error.data).not.toHaveProperty("stack", expect.anything());
      expect(error.status).toBe(error.data.httpStatus);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
    }
  });

  it("hide what went wrong inside when a query fails on our side", async () => {
    const creator = await createCreator(testDb());
    // A database that answers but has none of our tables: the query fails with PostgreSQL's own
    // words (relation does not exist), a fault of ours and not of the request.
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = "/postgres";
    const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const wrongDb = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
    try {
      const error = await refusedOverHttp(httpClient(creator.user, wrongDb).post.library.list.query({}));
      expect(error.status).toBe(500);
      expect(error.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500, appCode: null });
      expect(error.message).toBe("Something went wrong on our side. Please try again.");
      expect(error.message).not.toMatch(TECHNICAL_DETAIL);
      expect(error.data).not.toHaveProperty("stack", expect.anything());
    } finally {
      await client.end();
    }
  });

  it("call a database that stopped answering an outage, in plain words, hiding what went wrong inside", async () => {
    const creator = await createCreator(testDb());
    // A real connection that has been closed: the driver throws its own error on the next query.
    const client = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const closedDb = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
    await client.end();

    const error = await refusedOverHttp(httpClient(creator.user, closedDb).post.library.list.query({}));

    // A 503 the editor retries, never a 500 (a fault of ours) or a 401 (a sign-out).
    expect(error.status).toBe(503);
    expect(error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, appCode: "UNAVAILABLE" });
    expect(error.message).toBe("Can't reach the server's database right now. Try again in a moment.");
    expect(error.message).not.toMatch(TECHNICAL_DETAIL);
    expect(error.data).not.toHaveProperty("stack", expect.anything());
  });
});
