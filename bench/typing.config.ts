// Runs bench/typing.spec.ts on the e2e suite's server (a production build on a fresh database),
// one test at a time so the two drafts' figures do not share the cores.
import path from "node:path";
import { defineConfig } from "@playwright/test";
import e2e from "../playwright.config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  ...e2e,
  testDir: ".",
  testMatch: "typing.spec.ts",
  fullyParallel: false,
  workers: 1,
  outputDir: path.join(root, "test-results/typing"),
  // The server script and its paths are the e2e suite's, relative to the repository root.
  webServer: { ...(e2e.webServer as Exclude<typeof e2e.webServer, unknown[] | undefined>), cwd: root },
});
