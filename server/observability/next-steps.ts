// Which of Next.js's own spans are exported. A post page view makes 17 spans, 15 of them Next's:
// the request and the render, and a dozen internal steps (loading modules, building the component
// tree, metadata, the proxy, a marker where the response starts). The steps are left out unless
// a span of ours ran inside one, which keeps a trace to what an operator reads and cuts what the
// exporter sends per view to a third.
import "server-only";
import { SpanStatusCode, TraceFlags, type Attributes, type Context, type Link, type SpanKind } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import type { ReadableSpan, Span as RecordedSpan, Sampler, SamplingResult, SpanProcessor } from "@opentelemetry/sdk-trace-base";

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
 * The steps that never have work of ours inside them: the proxy (proxy.ts makes no span), loading
 * and preparing modules (no module of ours queries as it loads), and markers. A page served from
 * the page cache makes four of these and two spans worth sending (the request, and the request
 * it is rewritten to); deciding at the start costs far less than recording a span to drop it.
 * The other steps (building the component tree, metadata) may hold a query: NextStepFilter
 * decides those as they end.
 */
export const NEXT_LEAF_STEPS: ReadonlySet<string> = new Set([
  "Middleware.execute",
  "NextNodeServer.findPageComponents",
  "LoadComponents.loadRouteModule",
  "RouteModule.prepare",
  "AppRouteRouteModule.loadUserland",
  "NextNodeServer.getLayoutOrPageModule",
  "NextNodeServer.startResponse",
  "NextNodeServer.clientComponentLoading",
]);

/**
 * Leaves Next.js's leaf steps unrecorded from their start (no attributes, no processors, nothing
 * to export) and asks the configured sampler about every other span. Were a span of ours ever
 * started under a leaf step, it would follow its unrecorded parent (the parent-based samplers'
 * rule) and be left out with it, never sent without its parent.
 */
export class LeafStepSampler implements Sampler {
  constructor(private readonly configured: Sampler) {}

  shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const type = attributes["next.span_type"];
    if (typeof type === "string" && NEXT_LEAF_STEPS.has(type)) return { decision: SamplingDecision.NOT_RECORD };
    return this.configured.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `LeafStepSampler{${this.configured.toString()}}`;
  }
}

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
