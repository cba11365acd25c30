// A connection to the PostgreSQL server on which a test run creates and drops its own database,
// shared by the integration setup and the e2e server; a missing server is a clear message.
import postgres from "postgres";

export class NoPostgresError extends Error {}

function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}`;
}

/** `suite` names who needs it ("Integration tests"); `command` is how to run them with a URL. */
export async function connectAdmin(url: string, suite: string, command: string): Promise<postgres.Sql> {
  const admin = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await admin`select 1`;
    return admin;
  } catch (error) {
    await admin.end({ timeout: 1 }).catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new NoPostgresError(
      [
        `${suite} need PostgreSQL, and none answered at ${describeServer(url)} (${reason}).`,
        "Start PostgreSQL (trust auth for user postgres is enough), e.g.",
        "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
        "or set TEST_DATABASE_URL to a server where this user may create databases, e.g.",
        `  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres ${command}`,
      ].join("\n"),
    );
  }
}
