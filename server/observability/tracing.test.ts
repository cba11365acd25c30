// The app's own spans as a trace shows them: nested under the span that was active, named for
// what they did, and failures marked by a code, never by a message that could quote someone.
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { initTRPC, TRPCError } from "@trpc/server";
import { beforeEach, describe, expect, it } from "vitest";
import { parentOf, recordSpans } from "@/test/support/recorded-spans";
import { errorType, traceProcedure, withSpan } from "./tracing";

const spans = recordSpans();

beforeEach(() => spans.reset());

describe("withSpan", () => {
  it("nests a span under the active one and returns the work's result", async () => {
    const result = await withSpan("outer", { "post.id": "p1" }, () => withSpan("inner", {}, async () => 42));
    expect(result).toBe(42);
    const [outer] = spans.named("outer");
    const [inner] = spans.named("inner");
    expect(outer!.attributes).toMatchObject({ "post.id": "p1" });
    expect(parentOf(inner!)).toBe(outer!.spanContext().spanId);
    expect(inner!.spanContext().traceId).toBe(outer!.spanContext().traceId);
  });

  it("marks a failure by its code and rethrows it, recording nothing of its message", async () => {
    const failure = Object.assign(new Error("Failed query: select … params: fan@example.test"), { code: "23505" });
    await expect(withSpan("save", {}, async () => Promise.reject(failure))).rejects.toBe(failure);
    const [span] = spans.named("save");
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes["error.type"]).toBe("23505");
    expect(JSON.stringify({ attributes: span!.attributes, events: span!.events, status: span!.status })).not.toContain("fan@example.test");
  });
});

describe("addresses on spans", () => {
  it("lose the tokens, signatures and email addresses the log would not show", () => {
    const targets = [
      "/api/auth/callback/nodemailer?callbackUrl=%2Fstudio&token=4f9a1c&email=fan%40example.test",
      "/account/unsubscribe/dXNlcjpjcmVhdG9y.c2lnbmF0dXJl",
      "/api/media/m1?exp=1767225600&sig=abcdef",
      "/search?q=fan@example.test",
    ];
    for (const target of targets) trace.getTracer("next.js").startSpan("GET", { attributes: { "http.target": target } }).end();
    const recorded = spans.named("GET").map((span) => span.attributes["http.target"]);
    expect(recorded).toEqual([
      "/api/auth/callback/nodemailer?callbackUrl=%2Fstudio&token=[redacted]&email=[redacted]",
      "/account/unsubscribe/[redacted]",
      "/api/media/m1?exp=[redacted]&sig=[redacted]",
      "/search?q=f…@example.test",
    ]);
  });
});

describe("errors Next.js records on its own spans", () => {
  it("keep their type but lose their message and stack, which quote input", () => {
    const failure = new Error("Failed query: select … params: fan@example.test,4f9a1c");
    const span = trace.getTracer("next.js").startSpan("render route (app) /[handle]");
    span.recordException(failure);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
    span.end();
    const [recorded] = spans.named("render route (app) /[handle]");
    expect(recorded!.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(recorded!.events[0]!.attributes).toMatchObject({ "exception.type": "Error" });
    expect(JSON.stringify({ events: recorded!.events, status: recorded!.status })).not.toMatch(/fan@example\.test|4f9a1c|params/);
  });
});

describe("errorType", () => {
  it("is a code when the error has one, else its class, never its message", () => {
    expect(errorType(Object.assign(new Error("duplicate key value"), { code: "23505" }))).toBe("23505");
    expect(errorType(new TypeError("cannot read x of someone@example.test"))).toBe("TypeError");
    expect(errorType(Object.assign(new Error("x"), { code: "x".repeat(65) }))).toBe("Error");
    expect(errorType("a thrown string")).toBe("string");
  });
});

describe("traceProcedure as tRPC middleware", () => {
  const t = initTRPC.create();
  const traced = t.procedure.use(({ path, type, next }) => traceProcedure(path, type, next));
  const router = t.router({
    hello: traced.query(() => withSpan("service", {}, async () => "hi")),
    missing: traced.query(() => {
      throw new TRPCError({ code: "NOT_FOUND" });
    }),
    broken: traced.mutation(() => {
      throw new Error("a bug");
    }),
  });
  const caller = t.createCallerFactory(router)({});

  it("makes one span per call, named by procedure, around the service's spans", async () => {
    await caller.hello();
    const [call] = spans.named("trpc hello");
    expect(call!.attributes).toMatchObject({ "rpc.system": "trpc", "rpc.method": "hello", "trpc.type": "query", "trpc.code": "OK" });
    expect(parentOf(spans.named("service")[0]!)).toBe(call!.spanContext().spanId);
  });

  it("records a caller's mistake as an answer and the server's own failure as an error", async () => {
    await expect(caller.missing()).rejects.toThrow();
    await expect(caller.broken()).rejects.toThrow("a bug");
    const [missing] = spans.named("trpc missing");
    const [broken] = spans.named("trpc broken");
    expect(missing!.attributes["trpc.code"]).toBe("NOT_FOUND");
    expect(missing!.status.code).toBe(SpanStatusCode.UNSET);
    expect(broken!.attributes).toMatchObject({ "trpc.code": "INTERNAL_SERVER_ERROR", "error.type": "INTERNAL_SERVER_ERROR" });
    expect(broken!.status.code).toBe(SpanStatusCode.ERROR);
  });
});
