// End-to-end tests: the production build (`next build` + `next start`) on a fresh PostgreSQL
// database per run, driven in the machine's Chromium. scripts/e2e-server.ts builds, serves and
// cleans up; specs live in e2e/<area>/<flow>.spec.ts.
import { defineConfig, devices } from "@playwright/test";
import { newDatabaseUrl } from "./e2e/support/database";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./test/support/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;

// NOTE: the config is evaluated in the runner and again in every worker. The runner picks the
// database name first; workers inherit the variable, so all of them (and the server) agree on it.
process.env.E2E_DATABASE_URL ??= newDatabaseUrl();

// NOTE: fixtures build preconditions with the real services, which are marked `server-only`; the
// marker only lets them load under the "react-server" condition (as `npm run db:seed` runs them).
// Workers inherit this from the runner, which itself loads no server module (specs import only
// types and server/testing/documents). The web server gets the runner's own options back: Next
// sets its conditions itself.
const inheritedNodeOptions = process.env.NODE_OPTIONS ?? "";
if (!inheritedNodeOptions.includes("--conditions=react-server")) {
  process.env.NODE_OPTIONS = `${inheritedNodeOptions} --conditions=react-server`.trim();
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // A failure should be fixed, not retried into green: flaky tests are bugs here too.
  retries: 0,
  // Two cores: two browsers, and the server shares the same cores.
  workers: 2,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: { E2E_PORT: String(PORT), E2E_DATABASE_URL: process.env.E2E_DATABASE_URL, NODE_OPTIONS: inheritedNodeOptions },
    // A cold `next build` takes one to two minutes on two idle cores, over three on busy ones.
    timeout: 600_000,
    // Never test against whatever happens to be on the port: it would not have this run's database.
    reuseExistingServer: false,
    // SIGTERM to the server's process group; the script then drops the run's database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
