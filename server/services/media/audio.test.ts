import { describe, expect, it } from "vitest";
import { wav } from "@/test/wav";
import { audioDurationSeconds } from "./audio";

describe("audioDurationSeconds", () => {
  it("reads the duration from the file itself", async () => {
    expect(await audioDurationSeconds(wav(2.5), "audio/wav")).toBeCloseTo(2.5, 2);
  });
});
