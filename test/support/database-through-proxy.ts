// For integration tests of the app's own connection through an outage: for one test file, the app
// (db/client) reaches this run's database through a proxy the tests can cut, and directly again
// afterwards.
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "@/db/client";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

/** Registers the file's hooks; `proxy` is there once they ran, that is, inside its tests. */
export function appDatabaseThroughProxy(): { readonly proxy: TcpProxy } {
  const runDatabaseUrl = process.env.DATABASE_URL!;
  const drill = {} as { proxy: TcpProxy };
  beforeAll(async () => {
    drill.proxy = await startTcpProxy(runDatabaseUrl);
    // db/client opens its pool on first use: from here on, the app's connections go through the proxy.
    await closeDb();
    process.env.DATABASE_URL = drill.proxy.url;
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = runDatabaseUrl;
    await drill.proxy?.close();
  });
  return drill;
}
