// The route handlers as Next.js calls them: every answer names its request (X-Request-Id), a client
// cannot name it unless a trusted proxy stands in front, and a failure of ours is a 500 quoting the
// very id its one log line carries. Through the real routes: tRPC's (the proxy never sees it) and
// health's. NOTE: outside a Next.js request the session cannot be looked up at all (headers() has
// no request), so a tRPC call fails there as a bug would: unexpectedly, with a 500.
import { afterEach, describe, expect, it } from "vitest";
import { logged } from "@/test/support/log-lines";
import { GET as health } from "./health/route";
import { GET as trpcGet, POST as trpcPost } from "./trpc/[trpc]/route";

const TRPC = "http://atelier.test/api/trpc";
const searchCall = () => `${TRPC}/post.search?input=${encodeURIComponent(JSON.stringify({ json: { q: "kiln" } }))}`;

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

describe("X-Request-Id on every answer", () => {
  it("names each request anew, whatever a client sent, while no proxy is trusted", async () => {
    const headers = { "x-request-id": "chosen-by-client" };
    const answers = [
      await health(new Request("http://atelier.test/api/health", { headers })),
      await health(new Request("http://atelier.test/api/health", { headers })),
      await trpcGet(new Request(searchCall(), { headers })),
      await trpcPost(new Request(`${TRPC}/post.save`, { method: "POST", headers: { ...headers, origin: "https://elsewhere.example" }, body: "{}" })),
    ];

    const ids = answers.map((response) => response.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(answers.length);
  });

  it("keeps the id a trusted proxy gave the request, so one id runs through both logs", async () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    const headers = { "x-request-id": "edge-4f1c2a" };

    expect((await health(new Request("http://atelier.test/api/health", { headers }))).headers.get("x-request-id")).toBe("edge-4f1c2a");
    expect((await trpcGet(new Request(searchCall(), { headers }))).headers.get("x-request-id")).toBe("edge-4f1c2a");
  });
});

describe("a failure of ours", () => {
  it("answers a 500 quoting the request id, and logs it once under that id, with its stack", async () => {
    const { result: response, lines } = await logged(() => trpcGet(new Request(searchCall())));
    const id = response.headers.get("x-request-id");
    const text = await response.text();
    const body = JSON.parse(text) as { error: { json: { message: string; data: { code: string; requestId: string | null } } } };

    expect(response.status).toBe(500);
    expect(body.error.json.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", requestId: id });
    expect(body.error.json.message).toBe(
      `Something went wrong on our side. Please try again; if it keeps happening, quote reference ${id} when you ask for help.`,
    );
    // What went wrong stays in the log: no stack frame, no message of the error itself.
    expect(text).not.toMatch(/\bat \/|node_modules|outside a request scope/);
    const errors = lines.filter((line) => line.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: id, procedure: "post.search", msg: "tRPC call failed" });
    expect(errors[0]!.err?.stack).toMatch(/outside a request scope[\s\S]*\n\s+at /);
  });

  it("quotes the same id in a refusal's data, though it logs nothing for it", async () => {
    const { result: response, lines } = await logged(() =>
      trpcPost(new Request(`${TRPC}/post.save`, { method: "POST", headers: { origin: "https://elsewhere.example" }, body: "{}" })),
    );
    const body = (await response.json()) as { error: { json: { data: { code: string; requestId: string | null } } } };

    expect(response.status).toBe(403);
    expect(body.error.json.data).toMatchObject({ code: "FORBIDDEN", requestId: response.headers.get("x-request-id") });
    expect(lines.filter((line) => line.level === "error" || line.level === "warn")).toEqual([]);
  });
});
