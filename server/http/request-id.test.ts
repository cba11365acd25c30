// Whose word a request's id is: a proxy we trust may name the request (its id then runs through its
// log and ours), a client may not, and nothing long or strange becomes an id either way.
import { describe, expect, it } from "vitest";
import { decideRequestId, requestIdOf } from "./request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("a request's id", () => {
  it("is new when nobody named the request", () => {
    const first = decideRequestId(null, 1);
    const second = decideRequestId(undefined, 0);
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
  });

  it("ignores an X-Request-Id when no proxy is trusted: the client wrote it", () => {
    expect(decideRequestId("chosen-by-client", 0)).toMatch(UUID);
  });

  it("keeps a trusted proxy's id", () => {
    for (const id of ["f3a9c1d2-7e5b-4a6c-8d0e-1f2a3b4c5d6e", "1-67891233-abcdef012345678912345678", "edge:42.7_a", "a".repeat(128)]) {
      expect(decideRequestId(id, 1), id).toBe(id);
    }
  });

  it("refuses even a trusted proxy's id when it is long or strange, so it cannot break a log line or a page", () => {
    for (const id of ["", "a".repeat(129), "two words", 'quote"d', "line\nbreak", "<script>", "ünïcode", "a,b", "Root=1-abc"]) {
      expect(decideRequestId(id, 1), JSON.stringify(id)).toMatch(UUID);
    }
  });

  it("is decided from the headers, by the same rule, when the server did not stamp the request", () => {
    const headers = new Headers({ "x-request-id": "chosen-upstream" });
    expect(requestIdOf(headers)).toMatch(UUID);
    process.env.TRUSTED_PROXY_HOPS = "1";
    try {
      expect(requestIdOf(headers)).toBe("chosen-upstream");
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS;
    }
  });
});
