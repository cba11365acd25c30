// A stand-in for an OpenTelemetry collector: an OTLP/HTTP endpoint on 127.0.0.1, in the bench's own
// process, that answers every export 200 and counts the spans in it. The "traces" figure needs a
// receiver that really takes the exports (a refused or unreachable one makes the exporter retry or
// drop, which costs something else), and the count proves the app did export: no spans, no figure.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

export type ReceiverTotals = {
  /** POSTs to /v1/traces taken (answered 200). */
  exports: number;
  spans: number;
  /** Bytes as sent (compressed, if the exporter compresses). */
  bytes: number;
  /** How the exports came (application/x-protobuf, application/json), by count. */
  contentTypes: Record<string, number>;
  /** performance.now() of the last export taken, to tell when an exporter has flushed. */
  lastExportAt: number | null;
  /** Exports of other signals (/v1/logs, /v1/metrics): taken and dropped, as a collector would. */
  otherExports: number;
  /** Requests the receiver could not read, and why the first could not. */
  unreadable: number;
  firstProblem: string | null;
};

export type OtlpReceiver = {
  /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to; the exporter appends /v1/traces. */
  endpoint: string;
  totals: () => ReceiverTotals;
  close: () => Promise<void>;
};

type Field = { field: number; bytes?: Uint8Array };

/** The top-level fields of a protobuf message; length-delimited ones carry their bytes. */
function* protobufFields(message: Uint8Array): Generator<Field> {
  let at = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = message[at++];
      if (byte === undefined) throw new Error("a varint runs past the end of the message");
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < message.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === 0) varint();
    else if (wireType === 1) at += 8;
    else if (wireType === 5) at += 4;
    else if (wireType === 2) {
      const length = varint();
      if (at + length > message.length) throw new Error("a field runs past the end of the message");
      yield { field, bytes: message.subarray(at, at + length) };
      at += length;
      continue;
    } else throw new Error(`unknown wire type ${wireType}`);
    yield { field };
  }
}

const subMessages = (message: Uint8Array, field: number) =>
  [...protobufFields(message)].filter((f) => f.field === field && f.bytes).map((f) => f.bytes!);

/**
 * Spans in an ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1): resource_spans = 1,
 * ResourceSpans.scope_spans = 2, ScopeSpans.spans = 2.
 */
export function countProtobufSpans(body: Uint8Array): number {
  let spans = 0;
  for (const resource of subMessages(body, 1)) {
    for (const scope of subMessages(resource, 2)) spans += subMessages(scope, 2).length;
  }
  return spans;
}

type JsonExport = { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }> };

/** The same request in OTLP's JSON encoding (lowerCamelCase field names). */
export function countJsonSpans(body: Uint8Array): number {
  const parsed = JSON.parse(Buffer.from(body).toString("utf8")) as JsonExport;
  if (!Array.isArray(parsed.resourceSpans)) throw new Error("no resourceSpans in the JSON body");
  return parsed.resourceSpans.flatMap((resource) => resource.scopeSpans ?? []).reduce((sum, scope) => sum + (scope.spans?.length ?? 0), 0);
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const totals: ReceiverTotals = {
    exports: 0,
    spans: 0,
    bytes: 0,
    contentTypes: {},
    lastExportAt: null,
    otherExports: 0,
    unreadable: 0,
    firstProblem: null,
  };
  const refuse = (response: http.ServerResponse, status: number, problem: string) => {
    totals.unreadable += 1;
    totals.firstProblem ??= problem;
    response.writeHead(status).end();
  };
  // An empty Export…ServiceResponse: everything accepted.
  const accept = (response: http.ServerResponse, json: boolean) =>
    response.writeHead(200, { "content-type": json ? "application/json" : "application/x-protobuf" }).end(json ? "{}" : undefined);

  const server = http.createServer(async (request, response) => {
    const type = request.headers["content-type"] ?? "";
    try {
      const raw = await readBody(request);
      const path = request.url?.split("?")[0] ?? "";
      const json = type.includes("json");
      if (request.method === "POST" && /^\/v1\/(logs|metrics)$/.test(path)) {
        totals.otherExports += 1;
        return accept(response, json);
      }
      if (request.method !== "POST" || path !== "/v1/traces") return refuse(response, 404, `${request.method} ${request.url} is not an OTLP export`);
      const body = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      const spans = json ? countJsonSpans(body) : type.includes("protobuf") ? countProtobufSpans(body) : null;
      if (spans === null) return refuse(response, 415, `content-type ${type || "(none)"} is neither OTLP JSON nor protobuf`);
      totals.exports += 1;
      totals.spans += spans;
      totals.bytes += raw.length;
      totals.contentTypes[type] = (totals.contentTypes[type] ?? 0) + 1;
      totals.lastExportAt = performance.now();
      accept(response, json);
    } catch (error) {
      refuse(response, 400, `an unreadable ${type} export: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    totals: () => ({ ...totals, contentTypes: { ...totals.contentTypes } }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
