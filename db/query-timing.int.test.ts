// Query timing on the installed drivers: every statement of an instrumented client is observed once
// with its outcome (transactions' BEGIN and COMMIT included), the driver answers exactly as before,
// and inside a trace each statement is a `db.query` span with its text but never its values.
import { PGlite } from "@electric-sql/pglite";
import { trace } from "@opentelemetry/api";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parentOf, recordSpans } from "@/test/support/recorded-spans";
import { instrumentPglite, instrumentPostgres, observeQueries, operationOf, type QueryObservation } from "./query-timing";

const spans = recordSpans();
const observed: QueryObservation[] = [];
let stopObserving: () => void;
let client: postgres.Sql;
let untouched: postgres.Sql;

beforeAll(() => {
  stopObserving = observeQueries((query) => observed.push(query));
  client = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  instrumentPostgres(client);
  untouched = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  stopObserving();
  await Promise.all([client.end({ timeout: 5 }), untouched.end({ timeout: 5 })]);
});

beforeEach(() => {
  observed.length = 0;
  spans.reset();
});

/** Runs `work` as a request would: inside a span named "request". */
function inRequest<T>(work: () => Promise<T>): Promise<T> {
  return trace.getTracer("test").startActiveSpan("request", async (span) => {
    try {
      return await work();
    } finally {
      span.end();
    }
  });
}

/** The operations of the db.query spans recorded so far, in the order they ended. */
const operations = () => spans.named("db.query").map((span) => span.attributes["db.operation"]);

describe("postgres.js", () => {
  it("answers as before, through every way of asking, and each statement is observed once", async () => {
    expect(await client`select ${1}::int as one`).toEqual([{ one: 1 }]);
    expect(await client`select ${2}::int as two`.values()).toEqual([[2]]);
    expect(await client.unsafe("select $1::text as word", ["hi"])).toEqual([{ word: "hi" }]);
    // A fragment is part of the statement it is in, not a statement of its own.
    expect(await client`select 3 as three ${client`where true`}`).toEqual([{ three: 3 }]);
    const raw = await client`select 'x' as letter`.raw();
    expect(raw[0]?.[0]?.toString()).toBe("x");
    expect(observed).toHaveLength(5);
    expect(observed.every((query) => query.ok && query.seconds >= 0)).toBe(true);
  });

  it("observes a failed statement as failed and leaves its error as it was", async () => {
    const error = await client`select 1 / ${0}::int`.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(postgres.PostgresError);
    expect((error as postgres.PostgresError).code).toBe("22012");
    expect(observed).toEqual([expect.objectContaining({ ok: false })]);
  });

  it("times a transaction's own statements, savepoints included, and Drizzle's", async () => {
    const db = drizzle(client);
    const result = await inRequest(() =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await tx.transaction(async (nested) => nested.execute(sql`select 2`));
        return "done";
      }),
    );
    expect(result).toBe("done");
    expect(operations()).toEqual(["BEGIN", "SELECT", "SAVEPOINT", "SELECT", "COMMIT"]);
    expect(observed).toHaveLength(5);
  });

  it("leaves other clients alone", async () => {
    await untouched`select 1`;
    await inRequest(() => untouched`select 1`);
    expect(observed).toEqual([]);
    expect(spans.named("db.query")).toEqual([]);
  });
});

describe("db.query spans", () => {
  it("are children of the active span, with the statement's text and never its values", async () => {
    await inRequest(() => client`select ${"fan@example.test"}::text as email`);
    const [request] = spans.named("request");
    const [query] = spans.named("db.query");
    expect(parentOf(query!)).toBe(request!.spanContext().spanId);
    expect(query!.attributes).toMatchObject({ "db.system": "postgresql", "db.operation": "SELECT" });
    expect(query!.attributes["db.query.text"]).toContain("$1");
    expect(JSON.stringify(query!.attributes)).not.toContain("fan@example.test");
  });

  it("mark a failure by its SQLSTATE, not by the message that quotes the input", async () => {
    await expect(inRequest(() => client`select ${"not-a-number"}::int`)).rejects.toThrow();
    const [query] = spans.named("db.query");
    expect(query!.attributes["error.type"]).toBe("22P02");
    expect(JSON.stringify({ attributes: query!.attributes, events: query!.events, status: query!.status })).not.toContain("not-a-number");
  });

  it("are not made outside a trace, while timing goes on", async () => {
    await client`select 1`;
    expect(spans.finished()).toEqual([]);
    expect(observed).toHaveLength(1);
  });
});

describe("operationOf", () => {
  it("is the statement's first keyword", () => {
    expect(operationOf("select 1")).toBe("SELECT");
    expect(operationOf("  with x as (select 1) select * from x")).toBe("WITH");
    expect(operationOf("(select 1) union (select 2)")).toBe("SELECT");
    expect(operationOf("")).toBe("UNKNOWN");
  });
});

describe("PGlite", () => {
  let embedded: PGlite;

  // A new embedded database runs initdb first: seconds alone, over half a minute on two busy cores.
  beforeAll(async () => {
    embedded = new PGlite();
    instrumentPglite(embedded);
    await embedded.waitReady;
  }, 120_000);

  afterAll(async () => {
    await embedded.close();
  });

  it("times query, exec and the statements of a transaction, answering as before", async () => {
    observed.length = 0;
    const result = await inRequest(async () => {
      await embedded.exec("create temporary table notes (body text)");
      await embedded.transaction(async (tx) => {
        await tx.query("insert into notes values ($1)", ["kept"]);
      });
      return embedded.query<{ body: string }>("select body from notes");
    });
    expect(result.rows).toEqual([{ body: "kept" }]);
    expect(operations()).toEqual(["CREATE", "INSERT", "SELECT"]);
    expect(observed).toHaveLength(3);
    expect(observed.every((query) => query.ok)).toBe(true);
  });
});
