// The database beyond "it answers" (../health.ts says that): its version and size, and who holds
// connections to it.
import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { databaseKind, type Db } from "@/db/client";
import { databaseEnv } from "@/db/env";

export type ConnectionCount = { application: string; state: string; count: number };

export type DatabaseDetails = {
  kind: "postgres" | "pglite";
  serverVersion: string | null;
  sizeBytes: number | null;
  /** Connections this process may open; the embedded database has one. */
  poolMax: number;
  /** Every client of this database (app processes, the job runner's pool, tools), by state. */
  connections: ConnectionCount[];
};

/** The rows of a raw statement. Db is typed for both drivers: postgres.js gives an array, PGlite `{ rows }`. */
export async function selectRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export function poolMax(): number {
  return databaseKind() === "postgres" ? databaseEnv().DATABASE_POOL_SIZE : 1;
}

export async function databaseConnections(db: Db): Promise<ConnectionCount[]> {
  if (databaseKind() !== "postgres") return [];
  const rows = await selectRows<ConnectionCount>(
    db,
    sql`
      select coalesce(nullif(application_name, ''), 'unnamed') as application,
             coalesce(state, 'unknown') as state, count(*)::int as count
        from pg_stat_activity
       where datname = current_database() and backend_type = 'client backend'
       group by 1, 2
       order by 1, 2`,
  );
  return rows.map((row) => ({ application: row.application, state: row.state, count: Number(row.count) }));
}

export async function databaseDetails(db: Db): Promise<DatabaseDetails> {
  const kind = databaseKind();
  const [facts, connections] = await Promise.all([
    selectRows<{ version: string; size: string }>(
      db,
      sql`select current_setting('server_version') as version, pg_database_size(current_database())::text as size`,
    ),
    databaseConnections(db),
  ]);
  const row = facts[0];
  return {
    kind,
    // "15.20 (Debian 15.20-0+deb12u1)": the version is the first word.
    serverVersion: row?.version.split(" ")[0] ?? null,
    sizeBytes: row?.size ? Number(row.size) : null,
    poolMax: poolMax(),
    connections,
  };
}
