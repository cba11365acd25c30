import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

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

  it("uses the single entry when there is one, and falls back to x-real-ip, then a shared bucket", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "198.51.100.7" }), 2)).toBe("198.51.100.7");
    expect(clientAddress(headers({ "x-forwarded-for": " , ", "x-real-ip": "192.0.2.1" }), 1)).toBe("192.0.2.1");
    expect(clientAddress(headers({}), 1)).toBe("local");
  });
});
