import path from "node:path";
import { defineConfig } from "@playwright/test";
import e2e from "../playwright.config";
const root = path.resolve(import.meta.dirname, "..");
export default defineConfig({ ...e2e, testDir: ".", testMatch: "tmp-profile.spec.ts", workers: 1, outputDir: path.join(root, "test-results/tmp"),
  webServer: { ...(e2e.webServer as Exclude<typeof e2e.webServer, unknown[] | undefined>), cwd: root } });
