// A counting TCP proxy between the app and PostgreSQL: it forwards every byte untouched and reads
// the client's side of the wire protocol to count the statements each connection runs. postgres.js
// uses the extended protocol (Parse/Bind/Execute), so one statement is one Execute ('E'); a simple
// Query ('Q') counts once. Counted per application_name, so the job runner's own pool
// ("atelier-jobs") stays apart from the app's requests ("postgres.js").
import net from "node:net";

/** Statements run so far, per application_name, and per SQL text (whitespace collapsed). */
export type StatementCounts = { total: number; bySql: Map<string, number> };

export type PgProxy = {
  port: number;
  /** A copy of the counts of connections whose application_name is `application`. */
  counts: (application: string) => StatementCounts;
  close: () => Promise<void>;
};

const SSL_REQUEST = 80_877_103;
const GSS_REQUEST = 80_877_104;
const CANCEL_REQUEST = 80_877_102;

const cstring = (buffer: Buffer, at: number): [string, number] => {
  const end = buffer.indexOf(0, at);
  return [buffer.toString("utf8", at, end), end + 1];
};

const normalized = (sql: string) => sql.replace(/\s+/g, " ").trim();

/** Reads one connection's client-to-server stream and counts what it executes. */
class ClientStream {
  private pending: Buffer = Buffer.alloc(0);
  private startup = true;
  application = "";
  /** Prepared statement name → SQL; "" is the unnamed statement. */
  private statements = new Map<string, string>();
  /** Portal name → SQL of the statement bound to it. */
  private portals = new Map<string, string>();

  constructor(private readonly count: (application: string, sql: string) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.startup) {
        if (this.pending.length < 8) return;
        const length = this.pending.readInt32BE(0);
        if (this.pending.length < length) return;
        const code = this.pending.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSS_REQUEST && code !== CANCEL_REQUEST) {
          this.readStartup(this.pending.subarray(8, length));
          this.startup = false;
        }
        this.pending = this.pending.subarray(length);
        continue;
      }
      if (this.pending.length < 5) return;
      const length = this.pending.readInt32BE(1);
      if (this.pending.length < length + 1) return;
      this.readMessage(String.fromCharCode(this.pending[0]!), this.pending.subarray(5, length + 1));
      this.pending = this.pending.subarray(length + 1);
    }
  }

  /** StartupMessage: name/value pairs, ending with an empty name. */
  private readStartup(body: Buffer): void {
    for (let at = 0; at < body.length && body[at] !== 0; ) {
      const [name, afterName] = cstring(body, at);
      const [value, afterValue] = cstring(body, afterName);
      if (name === "application_name") this.application = value;
      at = afterValue;
    }
  }

  private readMessage(type: string, body: Buffer): void {
    if (type === "Q") {
      this.count(this.application, normalized(cstring(body, 0)[0]));
    } else if (type === "P") {
      const [name, at] = cstring(body, 0);
      this.statements.set(name, normalized(cstring(body, at)[0]));
    } else if (type === "B") {
      const [portal, at] = cstring(body, 0);
      this.portals.set(portal, this.statements.get(cstring(body, at)[0]) ?? "(unknown statement)");
    } else if (type === "E") {
      this.count(this.application, this.portals.get(cstring(body, 0)[0]) ?? "(unknown portal)");
    }
  }
}

export function startPgProxy(upstream: { host: string; port: number }): Promise<PgProxy> {
  const counts = new Map<string, StatementCounts>();
  const count = (application: string, sql: string) => {
    let entry = counts.get(application);
    if (!entry) counts.set(application, (entry = { total: 0, bySql: new Map() }));
    entry.total += 1;
    entry.bySql.set(sql, (entry.bySql.get(sql) ?? 0) + 1);
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const database = net.connect(upstream);
    const stream = new ClientStream(count);
    for (const socket of [client, database]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("data", (chunk: Buffer) => {
      stream.push(chunk);
      database.write(chunk);
    });
    database.pipe(client);
    client.on("end", () => database.end());
    client.on("error", () => database.destroy());
    database.on("error", () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        counts(application) {
          const entry = counts.get(application);
          return { total: entry?.total ?? 0, bySql: new Map(entry?.bySql ?? []) };
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
