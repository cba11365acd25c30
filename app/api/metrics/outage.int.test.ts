// A scrape while the database does not answer: Prometheus still gets an answer, which says so,
// with the figures read from the database absent rather than stale; and the next scrape once the
// database is back has them again.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleValue } from "@/test/metrics";
import { appDatabaseThroughProxy } from "@/test/support/database-through-proxy";
import { GET } from "./route";

const TOKEN = `metrics-test-${randomUUID()}`;
const savedToken = process.env.METRICS_TOKEN;

beforeAll(() => {
  process.env.METRICS_TOKEN = TOKEN;
});

afterAll(() => {
  if (savedToken === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = savedToken;
});

async function scrape(): Promise<string> {
  const response = await GET(new Request("http://atelier.test/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }));
  expect(response.status).toBe(200);
  return response.text();
}

describe("a scrape during a database outage", () => {
  const drill = appDatabaseThroughProxy();

  it("answers with the database down and its figures absent, then whole again once it is back", async () => {
    const before = await scrape();
    expect(sampleValue(before, "atelier_db_up")).toBe(1);
    expect(sampleValue(before, "atelier_email_deliveries_pending")).toBeGreaterThanOrEqual(0);

    // A network that drops packets: every query waits until the scrape's deadlines give up on it.
    await drill.proxy.cut("hang");
    const during = await scrape();
    expect(sampleValue(during, "atelier_db_up")).toBe(0);
    for (const collector of ["jobs", "email"]) expect(sampleValue(during, "atelier_scrape_collector_up", { collector })).toBe(0);
    expect(sampleValue(during, "atelier_email_deliveries")).toBeUndefined();
    expect(sampleValue(during, "atelier_email_deliveries_pending")).toBeNaN();
    expect(sampleValue(during, "atelier_db_ping_seconds")).toBeNaN();
    // What the process knows by itself is still there.
    expect(sampleValue(during, "process_resident_memory_bytes")).toBeGreaterThan(0);

    await drill.proxy.open();
    await expect.poll(async () => sampleValue(await scrape(), "atelier_db_up"), { timeout: 15_000 }).toBe(1);
    const after = await scrape();
    for (const collector of ["database", "jobs", "email"]) expect(sampleValue(after, "atelier_scrape_collector_up", { collector })).toBe(1);
  });
});
