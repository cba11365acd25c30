import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_ADDRESS } from "./client-address";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress", () => {
  it("takes the address the trusted proxy appended, not what the client claimed before it", () => {
    // The client sent "203.0.113.9"; our one proxy appended the address it really saw.
    expect(clientAddress(headers({ "x-forwarded-for": "203.0.113.9, 198.51.100.7" }), 1)).toBe("198.51.100.7");
  });

  it("counts several trusted proxies from the right", () => {
    const chain = headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" });
    expect(clientAddress(chain, 2)).toBe("198.51.100.7");
  });

  it("a spoofed list cannot push the real address out of reach", () => {
    const spoofed = headers({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.7" });
    expect(clientAddress(spoofed, 1)).toBe("198.51.100.7");
  });

  it("uses the single entry when there are fewer than the trusted hops", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.7" }), 2)).toBe("198.51.100.7");
  });

  it("with no proxy trusted, ignores X-Forwarded-For and X-Real-IP whatever they say", () => {
    const claims = headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "192.0.2.1" });
    expect(clientAddress(claims, 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.1" }), 0)).toBe(clientAddress(headers({ "x-forwarded-for": "198.51.100.2" }), 0));
  });

  it("does not believe a peer-address header while the server is not stamping it", () => {
    expect(clientAddress(headers({ "x-atelier-peer-address": "203.0.113.9" }), 0)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(headers({ "x-forwarded-for": " , ", "x-real-ip": "192.0.2.1" }), 1)).toBe(UNKNOWN_ADDRESS);
  });
});
