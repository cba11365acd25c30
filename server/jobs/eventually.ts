// For tests of jobs: waiting on work that runs on its own schedule, without timing assertions.

/** Polls `check` until it holds; the bound only keeps a broken queue from hanging the run. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
