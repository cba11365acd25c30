// Which of Next.js's own spans are exported. A post page view makes 17 spans, 15 of them Next's:
// the request and the render, and a dozen internal steps (loading modules, building the component
// tree, metadata, the proxy, a marker where the response starts). The steps are left out unless
// a span of ours ran inside one, which keeps a trace to what an operator reads and cuts what the
// exporter sends per view to a third.
import "server-only";
import { SpanStatusCode, TraceFlags } from "@opentelemetry/api";
import type { ReadableSpan, Span as RecordedSpan, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/**
 * Next.js's internal steps, by the `next.span_type` it puts on each span (its OpenTelemetry guide
 * lists them). Not here, so always exported: the request (`BaseServer.handleRequest`), the render
 * (`AppRender.getBodyResult`), a route handler's run, a fetch, and any type a later Next adds.
 */
export const NEXT_INTERNAL_STEPS: ReadonlySet<string> = new Set([
  "Middleware.execute",
  "NextNodeServer.findPageComponents",
  "LoadComponents.loadRouteModule",
  "RouteModule.prepare",
  "AppRouteRouteModule.loadUserland",
  "NextNodeServer.createComponentTree",
  "NextNodeServer.getLayoutOrPageModule",
  "ResolveMetadata.generateMetadata",
  "ResolveMetadata.generateViewport",
  "NextNodeServer.startResponse",
  "NextNodeServer.clientComponentLoading",
]);

/**
 * Keeps an internal step out of the export when, as it ends, no span still in the trace ran under
 * it and it did not fail: a step with a query or a procedure inside (metadata that loads the post)
 * stays, so an exported span's parent is exported too (Next awaits the work of each step, so
 * nothing starts under a step once it has ended). A step left out no longer counts for its own
 * parent, so a step whose steps were all left out goes too.
 *
 * Must come first among the span processors: it leaves a span out by clearing its sampled flag,
 * and a span processor exports only sampled spans (OpenTelemetry's rule, which the SDK's batch and
 * simple processors follow), so the processors after it skip the span.
 */
export class NextStepFilter implements SpanProcessor {
  /** The open internal steps, by span id, with how many spans under each are still to be sent. */
  private readonly open = new Map<string, number>();

  onStart(span: RecordedSpan): void {
    // Only steps are tracked: every other span is sent whatever ran under it.
    if (isStep(span)) this.open.set(span.spanContext().spanId, 0);
    const parent = span.parentSpanContext?.spanId;
    const siblings = parent === undefined ? undefined : this.open.get(parent);
    if (siblings !== undefined) this.open.set(parent!, siblings + 1);
  }

  onEnd(span: ReadableSpan): void {
    if (!isStep(span)) return;
    const id = span.spanContext().spanId;
    const children = this.open.get(id) ?? 0;
    this.open.delete(id);
    // A step that failed says where a failed request broke: kept.
    if (children > 0 || span.status.code === SpanStatusCode.ERROR) return;
    // NOTE: ReadableSpan is read-only in its types; the span is ended and not exported yet.
    (span.spanContext() as { traceFlags: number }).traceFlags &= ~TraceFlags.SAMPLED;
    const parent = span.parentSpanContext?.spanId;
    const siblings = parent === undefined ? undefined : this.open.get(parent);
    if (siblings !== undefined) this.open.set(parent!, siblings - 1);
  }

  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

function isStep(span: ReadableSpan): boolean {
  const type = span.attributes["next.span_type"];
  return typeof type === "string" && NEXT_INTERNAL_STEPS.has(type);
}

/** Whether a span will be exported: neither left out here nor by the sampler. */
export function exported(span: ReadableSpan): boolean {
  return (span.spanContext().traceFlags & TraceFlags.SAMPLED) !== 0;
}
