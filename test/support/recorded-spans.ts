// Tracing turned on in a test process the way the server turns it on (@vercel/otel: the async
// context manager and W3C propagation; Next.js's internal steps left out, addresses redacted),
// with finished spans kept in memory instead of exported.
// Registration is global and once per process: every test file that calls it shares the recorder.
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { registerOTel } from "@vercel/otel";
import { tracingOptions, tracingRegistered } from "@/server/observability/tracing";

let exporter: InMemorySpanExporter | undefined;

export function recordSpans(): { finished(): ReadableSpan[]; named(name: string): ReadableSpan[]; reset(): void } {
  if (!exporter) {
    exporter = new InMemorySpanExporter();
    registerOTel({ serviceName: "atelier-test", instrumentations: [], ...tracingOptions(new SimpleSpanProcessor(exporter)) });
    tracingRegistered();
  }
  const recorder = exporter;
  return {
    finished: () => recorder.getFinishedSpans(),
    named: (name) => recorder.getFinishedSpans().filter((span) => span.name === name),
    reset: () => recorder.reset(),
  };
}

/** The id of the span `span` descends from directly, if any. */
export function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
