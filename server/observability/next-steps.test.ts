// What a trace keeps of Next.js's own spans: the request and the render, and an internal step only
// when work of ours ran inside it, so every exported span's parent is exported too.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span } from "@opentelemetry/api";
import { SamplingDecision, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { beforeEach, describe, expect, it } from "vitest";
import { parentOf, recordSpans } from "@/test/support/recorded-spans";
import { LeafStepSampler } from "./next-steps";
import { configuredSampler, withSpan } from "./tracing";

const spans = recordSpans();

beforeEach(() => spans.reset());

/** A span as Next.js makes one: named, typed by `next.span_type`, active while `work` runs. */
function nextSpan<T>(name: string, type: string, work: (span: Span) => Promise<T> = async () => undefined as T): Promise<T> {
  return trace.getTracer("next.js").startActiveSpan(name, { attributes: { "next.span_type": type } }, async (span) => {
    try {
      return await work(span);
    } finally {
      span.end();
    }
  });
}

const names = (list: ReadableSpan[]) => list.map((span) => span.name).sort();

/** Spans whose parent was not exported with them: a trace shown with holes. */
function orphans(list: ReadableSpan[]): string[] {
  const ids = new Set(list.map((span) => span.spanContext().spanId));
  return list.filter((span) => parentOf(span) && !ids.has(parentOf(span)!)).map((span) => span.name);
}

/** A post page view as Next.js 16 traces it, with the post loaded inside generateMetadata. */
function pageView(): Promise<void> {
  return nextSpan("GET /[handle]/posts/[slug]", "BaseServer.handleRequest", async () => {
    await nextSpan("middleware GET", "Middleware.execute");
    await nextSpan("resolve page components", "NextNodeServer.findPageComponents", () => nextSpan("load route module", "LoadComponents.loadRouteModule"));
    await nextSpan("prepare route module", "RouteModule.prepare");
    await nextSpan("render route (app) /[handle]/posts/[slug]", "AppRender.getBodyResult", async () => {
      await nextSpan("build component tree", "NextNodeServer.createComponentTree", async () => {
        await nextSpan("resolve segment modules", "NextNodeServer.getLayoutOrPageModule");
        await nextSpan("resolve segment modules", "NextNodeServer.getLayoutOrPageModule");
      });
      await nextSpan("generateMetadata /layout", "ResolveMetadata.generateMetadata");
      await nextSpan("generateMetadata /(public)/[handle]/posts/[slug]/page", "ResolveMetadata.generateMetadata", () =>
        withSpan("trpc post.read.bySlug", {}, () => withSpan("db.query", {}, async () => {})),
      );
      await nextSpan("start response", "NextNodeServer.startResponse");
    });
  });
}

describe("Next.js's internal steps", () => {
  it("are left out of a page view's trace unless work of ours ran inside them", async () => {
    await pageView();
    expect(names(spans.finished())).toEqual([
      "GET /[handle]/posts/[slug]",
      "db.query",
      "generateMetadata /(public)/[handle]/posts/[slug]/page",
      "render route (app) /[handle]/posts/[slug]",
      "trpc post.read.bySlug",
    ]);
    expect(orphans(spans.finished())).toEqual([]);
  });

  it("stay when work of ours started inside them is still running as they end", async () => {
    let query: Span | undefined;
    await nextSpan("render route (app) /", "AppRender.getBodyResult", () =>
      nextSpan("generateMetadata /page", "ResolveMetadata.generateMetadata", async () => {
        query = trace.getTracer("atelier-db").startSpan("db.query");
      }),
    );
    query!.end();
    expect(names(spans.finished())).toEqual(["db.query", "generateMetadata /page", "render route (app) /"]);
    expect(orphans(spans.finished())).toEqual([]);
  });

  it("stay when they failed, to show where the request broke", async () => {
    const failure = new Error("generateMetadata failed");
    await nextSpan("render route (app) /", "AppRender.getBodyResult", () =>
      nextSpan("generateMetadata /page", "ResolveMetadata.generateMetadata", async (span) => {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw failure;
      }),
    ).catch(() => {});
    expect(names(spans.finished())).toEqual(["generateMetadata /page", "render route (app) /"]);
  });

  it("leave every other span alone, Next's own included", async () => {
    await nextSpan("GET /api/health", "BaseServer.handleRequest", async () => {
      await nextSpan("executing api route (app) /api/health", "AppRouteRouteHandlers.runHandler");
      await nextSpan("fetch GET https://api.stripe.com/v1/prices", "AppRender.fetch");
      await withSpan("email.send", {}, async () => {});
    });
    expect(names(spans.finished())).toEqual([
      "GET /api/health",
      "email.send",
      "executing api route (app) /api/health",
      "fetch GET https://api.stripe.com/v1/prices",
    ]);
  });
});

describe("Next.js's leaf steps", () => {
  it("are not recorded from their start, and what started under one is left out with it", async () => {
    let recording: boolean | undefined;
    await nextSpan("GET /mara", "BaseServer.handleRequest", () =>
      nextSpan("middleware GET", "Middleware.execute", async (span) => {
        recording = span.isRecording();
        await withSpan("db.query", {}, async () => {});
      }),
    );
    expect(recording).toBe(false);
    expect(names(spans.finished())).toEqual(["GET /mara"]);
    expect(orphans(spans.finished())).toEqual([]);
  });

  it("are decided before the configured sampler, which decides every other span", () => {
    const keepNone = new LeafStepSampler(configuredSampler("parentbased_traceidratio", 0));
    const keepAll = new LeafStepSampler(configuredSampler("always_on", 1));
    const ask = (sampler: LeafStepSampler, type: string) =>
      sampler.shouldSample(ROOT_CONTEXT, "0af7651916cd43dd8448eb211c80319c", "span", SpanKind.INTERNAL, { "next.span_type": type }, []).decision;
    expect(ask(keepAll, "RouteModule.prepare")).toBe(SamplingDecision.NOT_RECORD);
    expect(ask(keepAll, "BaseServer.handleRequest")).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(ask(keepNone, "BaseServer.handleRequest")).toBe(SamplingDecision.NOT_RECORD);
  });
});
