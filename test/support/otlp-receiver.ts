// A stand-in for an OpenTelemetry collector: an HTTP server taking OTLP/HTTP JSON on /v1/traces (as
// a server sends it with OTEL_EXPORTER_OTLP_PROTOCOL=http/json) and keeping every span it got.
// Anything it cannot read (protobuf, another path) is refused and noted, so a test says why.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export type ReceivedSpan = {
  traceId: string;
  spanId: string;
  /** Absent on a trace's root. */
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
  /** The exporting process's service.name. */
  service: string;
};

export type OtlpReceiver = {
  /** The value for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  readonly url: string;
  spans(): ReceivedSpan[];
  /** Requests it could not read, described. */
  refused(): string[];
  close(): Promise<void>;
};

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
};
type KeyValue = { key: string; value?: AnyValue };
type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes?: KeyValue[] };
type OtlpRequest = {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: OtlpSpan[] }[] }[];
};

function valueOf(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}

function attributesOf(list: KeyValue[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));
}

/** OTLP/JSON ids are hex; some exporters send protobuf's base64 instead. */
function hexId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  return /^[0-9a-f]+$/i.test(id) && (id.length === 32 || id.length === 16) ? id.toLowerCase() : Buffer.from(id, "base64").toString("hex");
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
}

function spansOf(request: OtlpRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributesOf(resourceSpans.resource?.attributes)["service.name"] ?? "");
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: hexId(span.traceId)!,
        spanId: hexId(span.spanId)!,
        parentSpanId: hexId(span.parentSpanId),
        name: span.name,
        attributes: attributesOf(span.attributes),
        service,
      })),
    );
  });
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const refused: string[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const type = request.headers["content-type"] ?? "";
      if (request.method !== "POST" || request.url !== "/v1/traces" || !type.startsWith("application/json")) {
        refused.push(`${request.method} ${request.url} (${type || "no content type"})`);
        response.writeHead(415).end();
        return;
      }
      try {
        received.push(...spansOf(JSON.parse((await body(request)).toString("utf8")) as OtlpRequest));
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      } catch (error) {
        refused.push(`unreadable body: ${String(error)}`);
        response.writeHead(400).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans: () => [...received],
    refused: () => [...refused],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The spans of `spans` that descend from `ancestor` (directly or not). */
export function descendantsOf(spans: ReceivedSpan[], ancestor: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const descends = (span: ReceivedSpan): boolean => {
    for (let parent = span.parentSpanId, hops = 0; parent && hops < 100; hops++) {
      if (parent === ancestor.spanId) return true;
      parent = byId.get(parent)?.parentSpanId;
    }
    return false;
  };
  return spans.filter((span) => span.traceId === ancestor.traceId && descends(span));
}
