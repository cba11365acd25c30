// The peer-address stamp on a real HTTP server: whatever a client writes in its headers, the
// address a limit counts is the one its connection came from, unless a trusted proxy says otherwise.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, recordPeerAddresses } from "./client-address";

let server: http.Server;
let origin: string;

function webHeaders(request: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}

beforeAll(async () => {
  recordPeerAddresses();
  server = http.createServer((request, response) => {
    const hops = Number(new URL(request.url ?? "/", "http://x").searchParams.get("hops"));
    response.end(clientAddress(webHeaders(request), hops));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function addressSeen(hops: number, headers: Record<string, string> = {}): Promise<string> {
  return (await fetch(`${origin}/?hops=${hops}`, { headers })).text();
}

describe("the address a limit counts", () => {
  it("with no trusted proxy, is the connection's, whatever the client claims", async () => {
    expect(await addressSeen(0)).toBe("127.0.0.1");
    for (const claim of ["203.0.113.9", "198.51.100.7, 203.0.113.9"]) {
      expect(await addressSeen(0, { "x-forwarded-for": claim, "x-real-ip": claim, "x-atelier-peer-address": claim })).toBe("127.0.0.1");
    }
  });

  it("with one trusted proxy, is the address the proxy appended", async () => {
    expect(await addressSeen(1, { "x-forwarded-for": "203.0.113.9, 198.51.100.7" })).toBe("198.51.100.7");
    // A proxy that sent no header at all: the connection's address is the nearest we know.
    expect(await addressSeen(1, { "x-atelier-peer-address": "203.0.113.9" })).toBe("127.0.0.1");
  });
});
