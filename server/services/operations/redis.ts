// Whether the Redis in REDIS_URL answers. A PING in Redis's own protocol over one short-lived
// connection: the operator's page needs no client library and no pool for that.
import "server-only";
import net from "node:net";
import tls from "node:tls";
import { env } from "../../env";

export type RedisStatus =
  | { status: "not_configured" }
  | { status: "ok"; latencyMs: number }
  | { status: "unreachable"; reason: string };

const TIMEOUT_MS = 1000;

/** A command as Redis reads it (an array of bulk strings). */
function command(...words: string[]): string {
  return `*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join("")}`;
}

export async function redisStatus(url = env().REDIS_URL): Promise<RedisStatus> {
  if (!url) return { status: "not_configured" };
  const target = new URL(url);
  const port = Number(target.port || 6379);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const commands: string[] = [];
  if (target.password) {
    const user = decodeURIComponent(target.username);
    const password = decodeURIComponent(target.password);
    commands.push(user ? command("AUTH", user, password) : command("AUTH", password));
  }
  commands.push(command("PING"));
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = target.protocol === "rediss:" ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
    let answer = "";
    const finish = (status: RedisStatus) => {
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(TIMEOUT_MS, () => finish({ status: "unreachable", reason: "no answer within a second" }));
    socket.once(target.protocol === "rediss:" ? "secureConnect" : "connect", () => socket.write(commands.join("")));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      // An error line (a wrong password, a server still loading) ends it; so does the PONG.
      const error = /^-(.*)\r\n/m.exec(answer);
      if (error) finish({ status: "unreachable", reason: `Redis answered: ${error[1]}` });
      else if (answer.includes("+PONG\r\n")) finish({ status: "ok", latencyMs: Math.round((performance.now() - started) * 10) / 10 });
    });
    socket.once("error", (error: NodeJS.ErrnoException) => finish({ status: "unreachable", reason: error.code ?? error.message }));
  });
}
