// A TCP proxy to PostgreSQL that a test can cut, to stage a database outage without touching the
// machine's server: the app is pointed at the proxy, the tests at the real server.
// - "refuse" stops listening and drops every open connection, as a stopped PostgreSQL does;
// - "hang" keeps accepting and never answers, as a network that drops packets does.
import net from "node:net";

export type OutageMode = "refuse" | "hang";

export type TcpProxy = {
  /** The database URL the proxy was started for, through the proxy (its port is kept across cuts). */
  readonly url: string;
  cut(mode?: OutageMode): Promise<void>;
  /** Forwards again; connections opened from now on reach the target. */
  open(): Promise<void>;
  close(): Promise<void>;
};

function listen(server: net.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

function stopListening(server: net.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

/** Starts forwarding 127.0.0.1:<free port> to the server of `databaseUrl` (a postgres:// URL). */
export async function startTcpProxy(databaseUrl: string): Promise<TcpProxy> {
  const parsed = new URL(databaseUrl);
  const target = { host: parsed.hostname || "127.0.0.1", port: Number(parsed.port || 5432) };
  let mode: OutageMode | null = null;
  const sockets = new Set<net.Socket>();

  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // A reset from either side just ends the pair; nothing to report.
    socket.on("error", () => socket.destroy());
  };

  const server = net.createServer((client) => {
    track(client);
    if (mode === "hang") return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });

  const port = await listen(server, 0);
  parsed.hostname = "127.0.0.1";
  parsed.port = String(port);

  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };

  return {
    url: parsed.toString(),
    async cut(next = "refuse") {
      mode = next;
      dropAll();
      if (next === "refuse") await stopListening(server);
      else if (!server.listening) await listen(server, port);
    },
    async open() {
      mode = null;
      // Connections accepted while hanging were never forwarded: drop them, their clients reconnect.
      dropAll();
      if (!server.listening) await listen(server, port);
    },
    async close() {
      dropAll();
      await stopListening(server);
    },
  };
}
