// The lifecycle and library procedures as the browser reaches them: the schedule dialog's wall
// time and zone become one UTC instant, and bad input comes back as a 4xx next to its field.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createCreator, createPost } from "@/server/testing/factories";
import { serviceContext, testDb } from "@/test/db";
import { caught, TECHNICAL_DETAIL } from "@/test/errors";
import { httpClient, refusedOverHttp } from "@/test/trpc-http";
import { createCaller } from "../../root";

async function asCreator() {
  const creator = await createCreator(testDb());
  return { creator, caller: createCaller(serviceContext({ viewer: creator.user })), http: httpClient(creator.user) };
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
    const { creator, http } = await asCreator();
    const post = await createPost(testDb(), { creator, title: "Too late" });
    const past = await refusedOverHttp(http.post.lifecycle.schedule.mutate({ id: post.id, at: "2020-01-01T09:00", timeZone: "UTC" }));
    expect(past.status).toBe(400);
    expect(past.data).toMatchObject({ code: "BAD_REQUEST", field: "at" });
    expect(past.message).toBe("Pick a time in the future.");

    const year = new Date().getUTCFullYear() + 1;
    // The last Sunday of March at 02:30 does not exist in Berlin.
    const lastSunday = 31 - new Date(Date.UTC(year, 2, 31)).getUTCDay();
    const skipped = await refusedOverHttp(
      http.post.lifecycle.schedule.mutate({ id: post.id, at: `${year}-03-${lastSunday}T02:30`, timeZone: "Europe/Berlin" }),
    );
    expect(skipped.status).toBe(400);
    expect(skipped.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { at: [expect.stringContaining("clocks change")] } });
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

    const { http } = await asCreator();
    const tooMany = await refusedOverHttp(http.post.library.archive.mutate({ ids: Array.from({ length: 101 }, (_, i) => `p${i}`) }));
    expect(tooMany.status).toBe(400);
    expect(tooMany.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { ids: ["Select at most 100 posts at a time."] } });
  });
});
