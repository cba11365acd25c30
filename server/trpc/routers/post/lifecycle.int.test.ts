// The lifecycle and library procedures as the browser reaches them: the schedule dialog's wall
// time and zone become one UTC instant, and bad input comes back as a 4xx next to its field.
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { describe, expect, it } from "vitest";
import { createCreator, createPost } from "@/server/testing/factories";
import { serviceContext, testDb } from "@/test/db";
import { caught, TECHNICAL_DETAIL } from "@/test/errors";
import { appRouter, createCaller } from "../../root";

async function asCreator() {
  const creator = await createCreator(testDb());
  return { creator, caller: createCaller(serviceContext({ viewer: creator.user })) };
}

function shapeOf(error: TRPCError, path: string) {
  return getErrorShape({ config: appRouter._def._config, error, type: "mutation", path, input: undefined, ctx: undefined });
}

describe("post.lifecycle.schedule", () => {
  it("reads the picked wall time in the creator's zone and stores the UTC instant", async () => {
    const { creator, caller } = await asCreator();
    const post = await createPost(testDb(), { creator, title: "New year" });
    const year = new Date().getUTCFullYear() + 1;
    const result = await caller.post.lifecycle.schedule({
      id: post.id,
      baseVersion: post.version,
      at: `${year}-01-01T09:00`,
      timeZone: "Asia/Tokyo",
    });
    // Nine in the morning in Tokyo is midnight UTC.
    expect(result.scheduledAt).toEqual(new Date(`${year}-01-01T00:00:00Z`));
  });

  it("answers a past time and a skipped hour with 400s whose words sit on the date-time field", async () => {
    const { creator, caller } = await asCreator();
    const post = await createPost(testDb(), { creator, title: "Too late" });
    const past = (await caught(caller.post.lifecycle.schedule({ id: post.id, at: "2020-01-01T09:00", timeZone: "UTC" }))) as TRPCError;
    expect(past.code).toBe("BAD_REQUEST");
    expect(shapeOf(past, "post.lifecycle.schedule").data).toMatchObject({ field: "at" });
    expect(past.message).toBe("Pick a time in the future.");

    const year = new Date().getUTCFullYear() + 1;
    // The last Sunday of March at 02:30 does not exist in Berlin.
    const lastSunday = 31 - new Date(Date.UTC(year, 2, 31)).getUTCDay();
    const skipped = (await caught(
      caller.post.lifecycle.schedule({ id: post.id, at: `${year}-03-${lastSunday}T02:30`, timeZone: "Europe/Berlin" }),
    )) as TRPCError;
    expect(skipped.code).toBe("BAD_REQUEST");
    expect(shapeOf(skipped, "post.lifecycle.schedule").data.fieldErrors).toMatchObject({ at: [expect.stringContaining("clocks change")] });
    expect(skipped.message).not.toMatch(TECHNICAL_DETAIL);
  });

  it("rejects unknown fields instead of ignoring them", async () => {
    const { creator, caller } = await asCreator();
    const post = await createPost(testDb(), { creator });
    const error = (await caught(
      caller.post.lifecycle.archive({ id: post.id, status: "published" } as unknown as { id: string }),
    )) as TRPCError;
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("postLibrary", () => {
  it("lists only for creators, and refuses a bulk action on too many posts with plain words", async () => {
    const anonymous = (await caught(createCaller(serviceContext()).post.library.list({}))) as TRPCError;
    expect(anonymous.code).toBe("UNAUTHORIZED");

    const { caller } = await asCreator();
    const tooMany = (await caught(
      caller.post.library.archive({ ids: Array.from({ length: 101 }, (_, i) => `p${i}`) }),
    )) as TRPCError;
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(shapeOf(tooMany, "post.library.archive").data.fieldErrors).toMatchObject({ ids: ["Select at most 100 posts at a time."] });
  });
});
