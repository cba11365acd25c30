// A second production server for fault drills: `next start` from the build the e2e suite already
// made, on a port of its own and pointed at a database URL the test chooses (a proxy it can cut),
// so an outage is staged for this server alone while the suite's own server stays healthy.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export type AppServer = {
  readonly url: string;
  /** What the server printed (its last 2 MB): for a failure's message, and for tests of its log. */
  output(): string;
  stop(): Promise<void>;
};

const root = path.resolve(import.meta.dirname, "../..");
const nextBin = path.join(root, "node_modules/.bin/next");
/** Fault drills read only database sessions, which do not depend on the secret. */
const AUTH_SECRET = "atelier-fault-drills-only-secret-not-for-production";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once the server answers anything at all: during an outage, that is a 503. */
async function answering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited early:\n${output()}`);
    try {
      await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

type Options = {
  databaseUrl: string;
  /** More settings for this server alone (tracing, log level, …). */
  env?: Record<string, string>;
};

const KEPT_OUTPUT_CHARS = 2_000_000;

export async function startAppServer({ databaseUrl, env = {} }: Options): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The test runner's own module conditions are not the server's: Next sets its own.
  const nodeOptions = (process.env.NODE_OPTIONS ?? "").replace("--conditions=react-server", "").trim();
  const child = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: nodeOptions, DATABASE_URL: databaseUrl, AUTH_SECRET, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const output = () => printed;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await answering(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output, stop };
}
