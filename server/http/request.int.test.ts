// A request from its first moment: the id the server stamps on it as Node parses it (replacing a
// client's, keeping a trusted proxy's), the scope all its work logs under, the header on its answer
// and, with LOG_LEVEL=debug, its one access line. And the wrapper every route handler runs in:
// scope, header, metrics, and a throw answered as a 500 that quotes the id its log line carries.
// A real HTTP server on a local port; no database.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logged } from "@/test/support/log-lines";
import { sampleValue } from "@/test/metrics";
import { metrics } from "../observability/metrics";
import { currentScope } from "../observability/request-scope";
import { followIncomingRequests, withRequest } from "./request";

// Both read on first use, which is in this file: the access lines are debug, metrics need a reader.
process.env.LOG_LEVEL = "debug";
process.env.METRICS_TOKEN = "request-test-metrics-token-0123456789";

describe("withRequest", () => {
  it("runs the handler in its request's scope and answers with the request's id", async () => {
    const handler = withRequest("/test/scope", async () => Response.json({ seen: currentScope()?.requestId }));
    const response = await handler(new Request("http://atelier.test/test/scope"));

    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ seen: id });
  });

  it("answers a handler's throw with a 500 quoting the id, logged once under it with the stack", async () => {
    const handler = withRequest("/test/broken", async () => {
      throw new Error("the kiln exploded");
    });
    const { result: response, lines } = await logged(() => handler(new Request("http://atelier.test/test/broken", { method: "POST" })));
    const id = response.headers.get("x-request-id");
    const text = await response.text();

    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "INTERNAL",
        message: `Something went wrong on our side. Please try again; if it keeps happening, quote reference ${id} when you ask for help.`,
        requestId: id,
      },
    });
    expect(text).not.toContain("kiln");
    const errors = lines.filter((line) => line.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: id, msg: "request failed" });
    expect(errors[0]!.err?.stack).toMatch(/the kiln exploded\n\s+at /);
  });

  it("adds the header to an answer whose headers cannot change (a redirect)", async () => {
    const handler = withRequest("/test/redirect", async () => Response.redirect("http://atelier.test/elsewhere", 303));
    const response = await handler(new Request("http://atelier.test/test/redirect"));

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://atelier.test/elsewhere");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("counts a route's requests by status and times them under the route's pattern, a throw as a 500", async () => {
    const handler = withRequest("/test/[id]", async (request: Request) => {
      if (request.url.endsWith("/broken")) throw new Error("boom");
      return new Response(null, { status: request.url.endsWith("/missing") ? 404 : 200 });
    });
    const count = async (status: string) =>
      sampleValue(await metrics().registry.metrics(), "atelier_http_requests_total", { route: "/test/[id]", method: "GET", status }) ?? 0;

    await logged(async () => {
      await handler(new Request("http://atelier.test/test/1"));
      await handler(new Request("http://atelier.test/test/missing"));
      await handler(new Request("http://atelier.test/test/broken"));
    });

    expect([await count("200"), await count("404"), await count("500")]).toEqual([1, 1, 1]);
    expect(sampleValue(await metrics().registry.metrics(), "atelier_http_request_duration_seconds_count", { route: "/test/[id]", method: "GET" })).toBe(3);
  });
});

describe("every request the server parses", () => {
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    followIncomingRequests();
    // What any handler (a page, a route, Next.js itself) sees after awaiting something.
    server = http.createServer(async (request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.resolve();
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ scope: currentScope()?.requestId ?? null, header: request.headers["x-request-id"] ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    delete process.env.TRUSTED_PROXY_HOPS;
    await new Promise((resolve) => server.close(resolve));
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
    return { id: response.headers.get("x-request-id"), seen: (await response.json()) as { scope: string | null; header: string | null } };
  }

  it("gets an id on its answer, in its headers and as the scope of its work, one per request", async () => {
    const answers = await Promise.all([get("/a"), get("/b"), get("/c")]);

    for (const { id, seen } of answers) {
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(seen).toEqual({ scope: id, header: id });
    }
    expect(new Set(answers.map(({ id }) => id)).size).toBe(3);
  });

  it("never takes a client's X-Request-Id without a trusted proxy, and takes a trusted proxy's", async () => {
    const untrusted = await get("/", { "x-request-id": "chosen-by-client" });
    process.env.TRUSTED_PROXY_HOPS = "1";
    const trusted = await get("/", { "x-request-id": "edge-7a1b" });
    delete process.env.TRUSTED_PROXY_HOPS;

    expect(untrusted.id).not.toBe("chosen-by-client");
    expect(untrusted.seen).toEqual({ scope: untrusted.id, header: untrusted.id });
    expect(trusted).toEqual({ id: "edge-7a1b", seen: { scope: "edge-7a1b", header: "edge-7a1b" } });
  });

  it("is one debug line when answered, under its id, with tokens taken out of its address", async () => {
    const { result, lines } = await logged(() => get("/account/unsubscribe/f3a9c1d27e5b4a6c?ref=mail&token=abc123"));
    const line = lines.find((entry) => entry.msg === "request answered");

    expect(line).toMatchObject({ level: "debug", requestId: result.id, method: "GET", status: 200, path: "/account/unsubscribe/[redacted]?ref=mail&token=[redacted]" });
  });
});
