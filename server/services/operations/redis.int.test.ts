// The Redis check against a server speaking Redis's protocol: it answers PING once the password is
// right, refuses a wrong one, and a closed port reads as unreachable.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisStatus } from "./redis";

/** Answers as Redis does: NOAUTH before a right AUTH, WRONGPASS for a wrong one, PONG after. */
function redisLike(password: string): net.Server {
  return net.createServer((socket) => {
    let authed = false;
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      // A whole command: "*<n>" then n bulk strings ("$<len>", value).
      for (;;) {
        const lines = buffer.split("\r\n");
        const count = Number(lines[0]?.slice(1));
        if (!count || lines.length < 1 + count * 2 + 1) return;
        const words = Array.from({ length: count }, (_, i) => lines[2 + i * 2]!);
        buffer = lines.slice(1 + count * 2).join("\r\n");
        const [verb, ...args] = words;
        if (verb === "AUTH") {
          authed = args.at(-1) === password;
          socket.write(authed ? "+OK\r\n" : "-WRONGPASS invalid username-password pair\r\n");
        } else if (verb === "PING") socket.write(authed ? "+PONG\r\n" : "-NOAUTH Authentication required.\r\n");
      }
    });
    socket.on("error", () => {});
  });
}

let server: net.Server;
let port: number;

beforeAll(async () => {
  server = redisLike("s3cret pass");
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("redisStatus", () => {
  it("says Redis is not configured without REDIS_URL", async () => {
    expect(process.env.REDIS_URL).toBeUndefined();
    expect(await redisStatus()).toEqual({ status: "not_configured" });
  });

  it("gets a PONG with the right password, with its latency", async () => {
    const status = await redisStatus(`redis://:${encodeURIComponent("s3cret pass")}@127.0.0.1:${port}`);
    expect(status).toMatchObject({ status: "ok", latencyMs: expect.any(Number) });
  });

  it("reports what Redis said to a wrong or missing password", async () => {
    expect(await redisStatus(`redis://default:wrong@127.0.0.1:${port}`)).toEqual({
      status: "unreachable",
      reason: "Redis answered: WRONGPASS invalid username-password pair",
    });
    expect(await redisStatus(`redis://127.0.0.1:${port}`)).toEqual({ status: "unreachable", reason: "Redis answered: NOAUTH Authentication required." });
  });

  it("reports a port where nothing listens", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port: freePort } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(await redisStatus(`redis://127.0.0.1:${freePort}`)).toEqual({ status: "unreachable", reason: "ECONNREFUSED" });
  });
});
