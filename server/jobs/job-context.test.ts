// A job continues the work that queued it: its log lines carry that request's id and its span joins
// that request's trace, while its handler sees only its own data. A job queued by nobody (a
// periodic one) gets a new id and a trace of its own.
import { SpanStatusCode } from "@opentelemetry/api";
import { beforeEach, describe, expect, it } from "vitest";
import { parentOf, recordSpans } from "@/test/support/recorded-spans";
import { currentScope, runInScope, type RequestScope } from "../observability/request-scope";
import { withSpan } from "../observability/tracing";
import { runJob, splitPayload, withCarriedContext } from "./job-context";

const spans = recordSpans();
const JOB = { queue: "notify-post-members", id: "job-1", engine: "in-process" } as const;

beforeEach(() => spans.reset());

/** Runs the job and reports what its handler saw. */
async function run(payload: unknown): Promise<{ data: object; scope: RequestScope | undefined }> {
  let seen: { data: object; scope: RequestScope | undefined } | undefined;
  await runJob(JOB, payload, async (data) => {
    seen = { data, scope: currentScope() };
  });
  return seen!;
}

describe("a job queued during a request", () => {
  it("runs with the request's id, in the request's trace, on its own data only", async () => {
    const payload = await runInScope({ requestId: "req-42" }, () =>
      withSpan("POST /api/trpc/post.lifecycle.schedule", {}, async () => withCarriedContext({ postId: "p1" })),
    );
    // Stored as JSON, as pg-boss keeps it.
    const { data, scope } = await run(JSON.parse(JSON.stringify(payload)));
    expect(data).toEqual({ postId: "p1" });
    expect(scope).toEqual({ requestId: "req-42", job: { id: "job-1", queue: "notify-post-members" } });
    const [request] = spans.named("POST /api/trpc/post.lifecycle.schedule");
    const [job] = spans.named("job notify-post-members");
    expect(job!.spanContext().traceId).toBe(request!.spanContext().traceId);
    expect(parentOf(job!)).toBe(request!.spanContext().spanId);
    expect(job!.attributes).toMatchObject({ "messaging.destination.name": "notify-post-members", "messaging.message.id": "job-1" });
  });

  it("passes the request on to a job it queues in turn, whose span is a child of its own", async () => {
    const first = await runInScope({ requestId: "req-7" }, () => withSpan("request", {}, async () => withCarriedContext({ postId: "p2" })));
    let second: object | undefined;
    await runJob({ ...JOB, queue: "publish-scheduled-post", id: "job-0" }, first, async () => {
      second = withCarriedContext({ postId: "p2" });
    });
    const { scope } = await run(second);
    expect(scope?.requestId).toBe("req-7");
    const [publish] = spans.named("job publish-scheduled-post");
    const [notify] = spans.named("job notify-post-members");
    expect(parentOf(notify!)).toBe(publish!.spanContext().spanId);
  });
});

describe("a job queued by nobody", () => {
  it("gets a new request id and starts a trace of its own", async () => {
    const { data, scope } = await run(withCarriedContext({ postId: "p3" }));
    expect(data).toEqual({ postId: "p3" });
    expect(scope?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [job] = spans.named("job notify-post-members");
    expect(parentOf(job!)).toBeUndefined();
  });

  it("carries nothing when there is nothing to carry", () => {
    expect(withCarriedContext({ postId: "p4" })).toEqual({ postId: "p4" });
  });
});

describe("a failing job", () => {
  it("marks its span and throws to its runner", async () => {
    const failure = Object.assign(new Error("The mail server is down"), { code: "ECONNREFUSED" });
    await expect(runJob(JOB, {}, async () => Promise.reject(failure))).rejects.toBe(failure);
    const [job] = spans.named("job notify-post-members");
    expect(job!.status.code).toBe(SpanStatusCode.ERROR);
    expect(job!.attributes["error.type"]).toBe("ECONNREFUSED");
  });
});

describe("splitPayload", () => {
  it("drops a stored context it cannot use, and never hands it to the handler", () => {
    expect(splitPayload({ postId: "p5", _context: "garbled" })).toEqual({ data: { postId: "p5" }, carried: {} });
    expect(splitPayload({ postId: "p5", _context: { requestId: 7, traceparent: "x".repeat(600), tracestate: "a=1" } })).toEqual({
      data: { postId: "p5" },
      carried: { tracestate: "a=1" },
    });
    expect(splitPayload(null)).toEqual({ data: {}, carried: {} });
  });
});
