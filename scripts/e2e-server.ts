// The e2e suite's web server (started by playwright.config.ts): a fresh PostgreSQL database for
// this run, the production build (`next build`, then `next start`), and the database dropped again
// when Playwright stops the server. Migrations run on start, as in production (instrumentation.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { connectAdmin, NoPostgresError } from "../test/postgres-admin";
import {
  databaseName,
  E2E_DATABASE_PREFIX,
  newDatabaseUrl,
  serverUrl,
} from "../e2e/support/database";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** Sessions only need to outlive one run; a fixed value keeps the build and the runs reproducible. */
const AUTH_SECRET = "atelier-e2e-only-secret-not-for-production-0123456789";
/** Databases left by runs that were killed before their teardown; old enough to be nobody's. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/.bin/next");

function log(message: string) {
  // stderr: Playwright shows it (prefixed [WebServer]); stdout is ignored by the config.
  process.stderr.write(`[e2e-server] ${message}\n`);
}

async function dropAbandoned(admin: postgres.Sql, now: number): Promise<void> {
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like ${`${E2E_DATABASE_PREFIX}%`}`;
  for (const { datname } of rows) {
    const stamp = Number(datname.slice(E2E_DATABASE_PREFIX.length).split("_")[0]);
    if (Number.isFinite(stamp) && now - stamp > ABANDONED_AFTER_MS) {
      await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  }
}

function run(args: string[], env: NodeJS.ProcessEnv, stdio: "inherit" | "pipe"): ChildProcess {
  return spawn(nextBin, args, { cwd: root, env, stdio: stdio === "inherit" ? "inherit" : ["ignore", "pipe", "pipe"] });
}

async function main() {
  const databaseUrl = process.env.E2E_DATABASE_URL || newDatabaseUrl();
  const database = databaseName(databaseUrl);
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Refusing an unexpected database name: ${database}`);

  const admin = await connectAdmin(serverUrl(), "End-to-end tests", "npm run test:e2e").catch((error: unknown) => {
    if (!(error instanceof NoPostgresError)) throw error;
    log(error.message);
    process.exit(1);
  });
  await dropAbandoned(admin, Date.now());
  await admin.unsafe(`create database "${database}"`);
  log(`created database ${database}`);

  let child: ChildProcess | null = null;
  let stopping = false;

  async function stop(code: number): Promise<never> {
    if (!stopping) {
      stopping = true;
      const current = child;
      if (current && current.exitCode === null && current.signalCode === null) {
        // Playwright signals the whole process group, so Next usually has this already.
        const exited = new Promise((resolve) => current.once("exit", resolve));
        current.kill("SIGTERM");
        const timer = setTimeout(() => current.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      try {
        // FORCE: a connection the server did not close in time must not keep the database alive.
        await admin.unsafe(`drop database if exists "${database}" with (force)`);
        log(`dropped database ${database}`);
      } catch (error) {
        log(`could not drop database ${database}: ${(error as Error).message}`);
      } finally {
        await admin.end({ timeout: 5 }).catch(() => {});
      }
      process.exit(code);
    }
    return new Promise<never>(() => {});
  }
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  process.on("SIGHUP", () => void stop(0));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // The operator's page is shown to this address (e2e/operations signs in with it).
    OPERATOR_EMAILS: "operator@e2e.atelier.test",
    // Beacons on their own port, as behind the shipped nginx configuration (e2e/caching/edge.spec.ts).
    ANALYTICS_INGEST_PORT: String(PORT + 1),
  };

  const skipBuild = process.env.E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(root, ".next/BUILD_ID"));
  if (skipBuild) {
    log("E2E_SKIP_BUILD=1: using the existing .next build");
  } else {
    log("building (next build)…");
    const started = Date.now();
    const build = run(["build"], env, "pipe");
    child = build;
    let output = "";
    build.stdout?.on("data", (chunk) => (output += chunk));
    build.stderr?.on("data", (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => build.once("exit", (exitCode) => resolve(exitCode)));
    child = null;
    if (stopping) return;
    if (code !== 0) {
      process.stderr.write(output);
      log(`next build failed (exit code ${code})`);
      await stop(1);
    }
    log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  }

  log(`starting next start on 127.0.0.1:${PORT}`);
  const server = run(["start", "-p", String(PORT), "-H", "127.0.0.1"], env, "inherit");
  child = server;
  server.once("exit", (code, signal) => {
    if (stopping) return;
    log(`next start exited early (${signal ?? `exit code ${code}`})`);
    void stop(code || 1);
  });
}

main().catch((error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
