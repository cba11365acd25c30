// pg-boss itself, for tests that need a job to fail for good quickly: the app's runner gives a job
// ten tries over more than an hour, these queues give up at the first failure.
import PgBoss from "pg-boss";

export async function startTestBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: process.env.DATABASE_URL!,
    application_name: "atelier-test-boss",
    max: 2,
    // No maintenance and no cron: nothing is archived or scheduled behind the test's back.
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {});
  await boss.start();
  return boss;
}

/** A queue worked by `handler` whose jobs fail for good the first time it throws. */
export async function failFastQueue<T extends object>(boss: PgBoss, queue: string, handler: (data: T) => Promise<void>): Promise<void> {
  await boss.createQueue(queue, { name: queue, retryLimit: 0 });
  await boss.work<T>(queue, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (job) await handler(job.data);
  });
}
