// The analytics beacon's ingest: public pages (cached ones too) send a page view and an engaged
// read here with navigator.sendBeacon. Answers at once; the event is written with the next batch
// (server/services/analytics/ingest.ts). Nothing is set or read that identifies the reader. Behind
// the shipped nginx configuration beacons go to the ingest listener instead, with the same answer.
import { clientAddress } from "@/server/auth/client-address";
import { answerBeacon, BEACON_LIMIT_BYTES, beaconRefusal } from "@/server/http/beacon";
import { readWithin } from "@/server/http/request-body";
import { withRequest } from "@/server/http/request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = withRequest("/api/events", async (request: Request) => {
  const refusal = beaconRefusal(request.headers);
  if (refusal) return refusal;
  const bytes = request.body ? await readWithin(request.body, BEACON_LIMIT_BYTES) : new Uint8Array();
  return answerBeacon(request.headers, clientAddress(request.headers), bytes, new Date());
});
