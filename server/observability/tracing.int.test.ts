// Tracing's switch: without OTEL_EXPORTER_OTLP_ENDPOINT nothing is registered and spans record
// nothing; with it, spans reach the collector over OTLP/HTTP, less Next.js's internal steps. One
// process registers once, so the two states are checked in this order.
import { trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOtlpReceiver, type OtlpReceiver } from "@/test/support/otlp-receiver";
import { startTracing, withSpan } from "./tracing";

const SETTINGS = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_BSP_SCHEDULE_DELAY"] as const;
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));

let receiver: OtlpReceiver;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});

afterAll(async () => {
  for (const name of SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await receiver.close();
});

describe("startTracing", () => {
  it("registers nothing while no endpoint is set: spans are no-ops and nothing is sent", async () => {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    expect(await startTracing()).toBe(false);
    const recording = await withSpan("unseen", {}, async (span) => span.isRecording());
    expect(recording).toBe(false);
    expect(trace.getTracer("any").startSpan("probe").isRecording()).toBe(false);
  });

  it("with an endpoint, sends the app's spans there, nested, under the service name atelier", async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
    process.env.OTEL_BSP_SCHEDULE_DELAY = "100";
    expect(await startTracing()).toBe(true);
    await withSpan("outer", { "post.id": "p1" }, () => withSpan("inner", {}, async () => {}));
    await expect.poll(() => receiver.spans().map((span) => span.name).sort(), { timeout: 10_000 }).toEqual(["inner", "outer"]);
    const outer = receiver.spans().find((span) => span.name === "outer")!;
    const inner = receiver.spans().find((span) => span.name === "inner")!;
    expect(outer).toMatchObject({ service: "atelier", attributes: { "post.id": "p1" } });
    expect(inner).toMatchObject({ traceId: outer.traceId, parentSpanId: outer.spanId });
    expect(receiver.refused()).toEqual([]);
  });

  it("sends Next.js's request span without the internal steps that ran nothing of ours", async () => {
    const next = trace.getTracer("next.js");
    next.startActiveSpan("GET /about", { attributes: { "next.span_type": "BaseServer.handleRequest" } }, (request) => {
      next.startSpan("start response", { attributes: { "next.span_type": "NextNodeServer.startResponse" } }).end();
      request.end();
    });
    // The step ended first: had it been sent, it would be in the same export or an earlier one.
    await expect.poll(() => receiver.spans().map((span) => span.name), { timeout: 10_000 }).toContain("GET /about");
    expect(receiver.spans().map((span) => span.name)).not.toContain("start response");
  });
});
