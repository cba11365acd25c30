// The in-process runner's book of jobs: what an operator sees waiting, running and failed, and a
// failed job run again or forgotten.
import { describe, expect, it } from "vitest";
import { InProcessJobs } from "./in-process-jobs";

const NOW = new Date("2026-12-01T12:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe("InProcessJobs", () => {
  it("counts per queue what waits (with its lag), what waits for later and what runs", async () => {
    const jobs = new InProcessJobs();
    jobs.queued("publish", { postId: "a" }, minutes(-3));
    jobs.queued("publish", { postId: "b" }, minutes(-1));
    jobs.queued("publish", { postId: "c" }, minutes(60));
    const gate = deferred();
    const running = jobs.queued("notify", { postId: "a" }, minutes(-5)).run(() => gate.promise);

    expect(jobs.stats(NOW)).toEqual([
      { queue: "notify", waiting: 0, scheduled: 0, active: 1, retrying: 0, failed: 0, lagSeconds: 0 },
      { queue: "publish", waiting: 2, scheduled: 1, active: 0, retrying: 0, failed: 0, lagSeconds: 180 },
    ]);
    gate.resolve();
    await running;
    // A finished job leaves the book.
    expect(jobs.stats(NOW).map((s) => s.queue)).toEqual(["publish"]);
  });

  it("keeps a failed job with its error, still failing the run, and runs it again on retry", async () => {
    const jobs = new InProcessJobs();
    let calls = 0;
    const task = async () => {
      calls++;
      if (calls === 1) throw new Error("SMTP server said no");
    };
    const job = jobs.queued("notify", { postId: "p1" }, NOW);
    await expect(job.run(task)).rejects.toThrow("SMTP server said no");

    expect(jobs.failed(10)).toEqual([
      { id: job.id, queue: "notify", data: { postId: "p1" }, error: "SMTP server said no", attempts: 1, failedAt: expect.any(Date) },
    ]);
    expect(jobs.stats(NOW)[0]).toMatchObject({ queue: "notify", failed: 1 });

    expect(jobs.retry("publish", job.id)).toBe(false);
    expect(jobs.retry("notify", job.id)).toBe(true);
    await expect.poll(() => jobs.list()).toEqual([]);
    expect(calls).toBe(2);
    expect(jobs.retry("notify", job.id)).toBe(false);
  });

  it("keeps a retry that fails again as failed, with the new error and attempt", async () => {
    const jobs = new InProcessJobs();
    let calls = 0;
    const job = jobs.queued("notify", {}, NOW);
    await expect(job.run(async () => Promise.reject(new Error(`failure ${++calls}`)))).rejects.toThrow();
    jobs.retry("notify", job.id);
    await expect.poll(() => jobs.failed(10)[0]).toMatchObject({ error: "failure 2", attempts: 2 });
  });

  it("forgets a failed job on discard, and only a failed one", async () => {
    const jobs = new InProcessJobs();
    const waiting = jobs.queued("publish", {}, NOW);
    const failing = jobs.queued("publish", {}, NOW);
    await expect(failing.run(async () => Promise.reject(new Error("no")))).rejects.toThrow();

    expect(jobs.discard("publish", waiting.id)).toBe(false);
    expect(jobs.discard("publish", failing.id)).toBe(true);
    expect(jobs.list().map((job) => job.id)).toEqual([waiting.id]);
    waiting.drop();
    expect(jobs.list()).toEqual([]);
  });

  it("keeps the latest 200 failures, so a job failing every minute cannot fill the memory", async () => {
    const jobs = new InProcessJobs();
    for (let i = 0; i < 205; i++) {
      await expect(jobs.queued("sweep", { i }, NOW).run(async () => Promise.reject(new Error(`run ${i}`)))).rejects.toThrow();
    }
    const failed = jobs.failed(1000);
    expect(failed).toHaveLength(200);
    expect(failed.map((job) => (job.data as { i: number }).i)).not.toContain(4);
    expect(failed.map((job) => (job.data as { i: number }).i)).toContain(204);
  });
});
