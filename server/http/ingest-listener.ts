// The analytics ingest on a port of its own. Beacons come with every page view, as many as the
// pages themselves; through the app's router each one costs about as much server time as a small
// page. This listener is plain node:http in the same process, feeding the same buffer
// (server/services/analytics/ingest.ts) with the same answers (./beacon.ts): the shipped nginx
// configuration sends `POST /api/events` here, and the app's own route stays for a server
// reached directly. Off unless ANALYTICS_INGEST_PORT is set.
import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { clientAddress } from "../auth/client-address";
import { log } from "../observability/log";
import { answerBeacon, BEACON_LIMIT_BYTES, beaconRefusal } from "./beacon";
import { declaredLength } from "./request-body";

const PATH = "/api/events";

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** The body, or null once it goes past the limit (then the request is not read further). */
function readBody(request: IncomingMessage, headers: Headers): Promise<Uint8Array | null> {
  if ((declaredLength(headers) ?? 0) > BEACON_LIMIT_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    request.on("data", (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > BEACON_LIMIT_BYTES) {
        request.removeAllListeners("data");
        request.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

async function send(to: ServerResponse, answer: Response): Promise<void> {
  const body = answer.status === 204 ? undefined : Buffer.from(await answer.arrayBuffer());
  to.writeHead(answer.status, Object.fromEntries(answer.headers));
  to.end(body);
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? "").split("?")[0];
  if (path !== PATH) {
    response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Only analytics events are taken here.");
    return;
  }
  if (request.method !== "POST") {
    response.writeHead(405, { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" }).end("Events are sent with POST.");
    return;
  }
  const headers = headersOf(request);
  const refusal = beaconRefusal(headers);
  if (refusal) {
    request.resume();
    return send(response, refusal);
  }
  const bytes = await readBody(request, headers);
  await send(response, answerBeacon(headers, clientAddress(headers), bytes, new Date()));
}

/** Listens on `port` at `host` (port 0 lets the system pick a free one); resolves once it does. */
export function startIngestListener(port: number, host: string): Promise<Server> {
  const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err: error }, "the analytics ingest failed to answer a beacon");
      if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("The event could not be taken.");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
