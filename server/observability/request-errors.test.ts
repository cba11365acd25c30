// A page that fails to render, as Next.js reports it: in production it prints the error
// (console.error(" ⨯", error)) and then calls onRequestError with it; in development only the
// hook is ours. Either way the operator gets one line, with the request's id and the digest the
// reader's error page shows; and anything else printed with console.* becomes a log line too.
import { describe, expect, it, vi } from "vitest";
import { runInScope } from "./request-scope";
import { onRequestError, routeConsoleToLog } from "./request-errors";

type LogLine = { level: string; msg: string; requestId?: string; digest?: string; route?: string; routeType?: string; err?: { message: string; stack: string } };

/** The log lines the process wrote to stdout while `act` ran. */
async function logged(act: () => unknown): Promise<{ lines: LogLine[]; raw: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await act();
    const raw = chunks.join("");
    return { raw, lines: raw.split("\n").filter(Boolean).map((line) => JSON.parse(line) as LogLine) };
  } finally {
    spy.mockRestore();
  }
}

const request = { path: "/mara/posts/first?ref=home", method: "GET", headers: { "x-request-id": "req-42", cookie: "authjs.session-token=secret-cookie" } };
const context = { routerKind: "App Router", routePath: "/(public)/[handle]/posts/[slug]", routeType: "render", revalidateReason: undefined } as const;

const renderError = () => Object.assign(new Error("cannot read properties of undefined"), { digest: "2741683937" });

describe("a page that failed to render", () => {
  it("is one line in development, from the hook: request id, digest, route and stack", async () => {
    const { lines, raw } = await logged(() => onRequestError(renderError(), request, context));

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "error",
      msg: "a page could not be rendered",
      requestId: "req-42",
      digest: "2741683937",
      route: "/(public)/[handle]/posts/[slug]",
      routeType: "render",
    });
    expect(lines[0]!.err?.stack).toMatch(/cannot read properties of undefined\n\s+at /);
    expect(raw).not.toContain("secret-cookie");
  });

  it("is one line in production, where Next.js prints it before calling the hook", async () => {
    routeConsoleToLog();
    const error = renderError();
    const { lines } = await logged(() =>
      runInScope({ requestId: "req-43" }, async () => {
        console.error("\u001b[31m⨯\u001b[39m", error);
        await onRequestError(error, { ...request, headers: { "x-request-id": "req-43" } }, context);
      }),
    );

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "error", msg: "a request failed", requestId: "req-43", digest: "2741683937" });
    expect(lines[0]!.err?.stack).toMatch(/cannot read properties of undefined\n\s+at /);
  });

  it("is a warning when the database is not answering: an outage, not a bug", async () => {
    const outage = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", digest: "1185512040" });
    const { lines } = await logged(() => onRequestError(outage, request, context));

    expect(lines).toMatchObject([{ level: "warn", msg: "a page could not be rendered: a dependency is not answering", digest: "1185512040" }]);
  });
});

describe("anything else printed", () => {
  it("becomes a JSON line at its level, without Next.js's symbol or colour, redacted", async () => {
    routeConsoleToLog();
    const { lines } = await logged(() =>
      runInScope({ requestId: "req-44" }, () => {
        console.warn("\u001b[33m⚠\u001b[39m Something Next.js wants said about fan@example.com");
        console.error("a library failed:", new Error("socket hang up"));
        console.log("plain %s", "words");
      }),
    );

    expect(lines).toMatchObject([
      { level: "warn", msg: "Something Next.js wants said about f…@example.com", requestId: "req-44" },
      { level: "error", msg: "a library failed:", err: { message: "socket hang up" }, requestId: "req-44" },
      { level: "info", msg: "plain words", requestId: "req-44" },
    ]);
  });
});
