// Two test projects: `unit` (pure code, no I/O) and `integration` (services and procedures on a
// real PostgreSQL database that test/integration-setup.ts creates and drops for each run).
// Playwright specs in e2e/ and the benchmarks in bench/ belong to neither.
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

const excluded = [...configDefaults.exclude, "e2e/**", "bench/**", ".next/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: [
      // tsconfig `paths`: "@/*" → "./*".
      { find: /^@\//, replacement: `${root}/` },
      // The marker only guards client bundles; under test every module runs on the server.
      { find: /^server-only$/, replacement: path.join(root, "node_modules/server-only/empty.js") },
    ],
  },
  test: {
    // Tests write nothing into the working tree: tokens are signed with a fixed test secret
    // (otherwise development's secret would be invented and kept in .data/), and anything else
    // that defaults to the data folder goes to the system's temporary folder.
    env: {
      AUTH_SECRET: "test-only-secret-never-used-outside-vitest",
      ATELIER_DATA_DIR: path.join(os.tmpdir(), "atelier-tests"),
    },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...excluded, "**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: excluded,
          globalSetup: ["test/integration-setup.ts"],
          setupFiles: ["test/integration-env.ts"],
          // The tRPC init imports Auth.js, whose ESM build imports "next/server" without an
          // extension; Node cannot resolve that, so let Vite resolve it (no mocking involved).
          server: { deps: { inline: ["next-auth"] } },
          // Two cores here: two files at a time, each on its own connection pool. Tests make
          // their own uniquely named rows, so files never need to see an empty database.
          maxWorkers: 2,
          // A plain `vitest run` runs both projects: unit first, then this group with its own pool.
          sequence: { groupOrder: 1 },
          // A cold PostgreSQL and the first imports make the first test of a file slower.
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
