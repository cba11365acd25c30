// Every procedure the router serves, anonymous and signed in, fed random input shaped like its
// schema with hostile text in every string (NUL bytes, controls, lone surrogates, real ids with a
// bad character inside): whatever happens, the answer is a typed 4xx or a result, never a 500.
import { fc, test } from "@fast-check/vitest";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { UNSTORABLE_TEXT_MESSAGE } from "@/lib/schemas/text";
import { serviceContext, testDb } from "@/test/db";
import { hostileOrKnown, inputFor } from "@/test/input-arbitrary";
import { httpClient, refusedOverHttp } from "@/test/trpc-http";
import { createCreator, createMembership, createPost, createTier, createUser, docWithText } from "../testing/factories";
import { appRouter, createCaller } from "./root";

/** Enough to shake out each procedure's paths while the whole file stays well under a minute. */
const RUNS = 12;

type Procedure = { _def: { inputs: z.ZodType[]; type: string } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>);

/** Ids, handles and slugs that exist, so hostile text also reaches the rows behind them. */
const known: string[] = [];
const viewers: Record<"anonymous" | "signed in", { userId: string } | null> = { anonymous: null, "signed in": null };

beforeAll(async () => {
  const db = testDb();
  const creator = await createCreator(db);
  const other = await createCreator(db);
  const paid = await createTier(db, { creator, monthlyPrice: 500 });
  const free = await createTier(db, { creator: other, monthlyPrice: 0 });
  const post = await createPost(db, { creator, publish: true });
  const draft = await createPost(db, { creator });
  const elsewhere = await createPost(db, { creator: other, publish: true });
  const fan = await createUser(db);
  const membership = await createMembership(db, { tier: free, user: fan });
  known.push(
    ...[creator, other].flatMap((c) => [c.id, c.handle, c.userId]),
    ...[paid, free].map((t) => t.id),
    ...[post, draft, elsewhere].flatMap((p) => [p.id, p.slug ?? ""]),
    membership.id,
  );
  viewers["signed in"] = { userId: creator.userId };
});

function procedureAt(caller: ReturnType<typeof createCaller>, path: string): (input: unknown) => Promise<unknown> {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

const strings = hostileOrKnown(() => known);

describe.each(Object.keys(viewers) as Array<keyof typeof viewers>)("as %s", (who) => {
  describe.each(procedures)("%s", (path, procedure) => {
    const [schema] = procedure._def.inputs;
    const input = schema ? inputFor(schema, strings) : fc.constant(undefined);

    test.prop([input], { numRuns: RUNS })("answers hostile input with a result or a typed 4xx", async (value) => {
      const caller = createCaller(serviceContext({ viewer: viewers[who] }));
      try {
        await procedureAt(caller, path)(value);
      } catch (error) {
        expect(error).toBeInstanceOf(TRPCError);
        const { code, cause } = error as TRPCError;
        // The cause is what a server log would show: it names the unhandled error when this fails.
        expect({ code, cause: code === "INTERNAL_SERVER_ERROR" ? String(cause) : undefined }).not.toMatchObject({
          code: "INTERNAL_SERVER_ERROR",
        });
      }
    });
  });
});

describe("the cases found by hand, as the browser gets them", () => {
  it("answers a NUL in a handle or slug with a 400 that names the field, signed in or not", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, publish: true });
    for (const http of [httpClient(), httpClient(creator.user)]) {
      const calls = [
        http.creator.byHandle.query({ handle: "ma\u0000ra" }),
        http.creator.movedTo.query({ handle: `${creator.handle}\u0000` }),
        http.membership.tiers.byHandle.query({ handle: "ma\u0000ra" }),
        http.post.read.bySlug.query({ handle: creator.handle, slug: `${post.slug}\u0000` }),
        http.post.read.slugRedirect.query({ handle: "\ud800", slug: "x" }),
        http.post.search.query({ q: "bread\u0000" }),
      ];
      for (const call of calls) {
        const refusal = await refusedOverHttp(call);
        expect(refusal.status).toBe(400);
        expect(Object.values(refusal.data.fieldErrors ?? {}).flat()).toEqual([UNSTORABLE_TEXT_MESSAGE]);
      }
    }
  });

  it("refuses a post body with a lone surrogate or a NUL, next to the document, and keeps the stored text", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const post = await createPost(db, { creator, title: "Kept" });
    const http = httpClient(creator.user);
    for (const bad of ["half an emoji \ud83d", "nul \u0000 byte"]) {
      const refusal = await refusedOverHttp(
        http.post.save.mutate({ id: post.id, baseVersion: post.version, title: "Changed", document: docWithText(bad) }),
      );
      expect(refusal.status).toBe(400);
      expect(refusal.data).toMatchObject({ appCode: "INVALID_INPUT", field: "document" });
      expect(refusal.message).toMatch(/cannot be saved/);
    }
    expect(await createCaller(serviceContext({ viewer: creator.user })).post.byId({ id: post.id })).toMatchObject({ title: "Kept" });
  });

  it("lets a fan join from a page naming a post that does not exist, crediting no post", async () => {
    const db = testDb();
    const creator = await createCreator(db);
    const tier = await createTier(db, { creator, monthlyPrice: 0 });
    const fan = await createUser(db);
    const membership = await httpClient(fan).membership.joinFree.mutate({ tierId: tier.id, attributedPostId: "no-such-post" });
    expect(membership).toMatchObject({ status: "active", attributedPostId: null });
  });
});
