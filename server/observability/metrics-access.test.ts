// Who may scrape /api/metrics: the configured token, or a configured address as the app's client
// address rule sees it; nobody when neither is set.
import { afterEach, describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "@/lib/env";
import { variables } from "../env";
import { metricsAccess } from "./metrics-access";

const TOKEN = "scrape-token-0123456789abcdef";
const SETTINGS = ["METRICS_TOKEN", "METRICS_ALLOW", "TRUSTED_PROXY_HOPS"] as const;
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));

function configure(values: Partial<Record<(typeof SETTINGS)[number], string>>) {
  for (const name of SETTINGS) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
}

afterEach(() => {
  for (const name of SETTINGS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function request(headers: Record<string, string> = {}) {
  return new Request("http://atelier.test/api/metrics", { headers });
}

/** As behind one reverse proxy that appended the address it saw. */
const from = (address: string, headers: Record<string, string> = {}) => request({ "x-forwarded-for": `203.0.113.200, ${address}`, ...headers });

describe("metricsAccess", () => {
  it("is off (404) until a token or an address is configured", () => {
    configure({});
    expect(metricsAccess(request({ authorization: `Bearer ${TOKEN}` }))).toEqual({ allowed: false, status: 404 });
  });

  it("lets the configured bearer token in and asks anyone else for it (401)", () => {
    configure({ METRICS_TOKEN: TOKEN });
    expect(metricsAccess(request({ authorization: `Bearer ${TOKEN}` }))).toEqual({ allowed: true });
    expect(metricsAccess(request({ authorization: `bearer ${TOKEN}` }))).toEqual({ allowed: true });
    expect(metricsAccess(request())).toEqual({ allowed: false, status: 401 });
    expect(metricsAccess(request({ authorization: `Bearer ${TOKEN}x` }))).toEqual({ allowed: false, status: 401 });
    expect(metricsAccess(request({ authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }))).toEqual({ allowed: false, status: 401 });
  });

  it("lets configured addresses and ranges in, judged by the address the trusted proxy saw", () => {
    configure({ METRICS_ALLOW: "10.0.0.0/8, 192.0.2.7, fd00::/8", TRUSTED_PROXY_HOPS: "1" });
    expect(metricsAccess(from("10.20.30.40"))).toEqual({ allowed: true });
    expect(metricsAccess(from("192.0.2.7"))).toEqual({ allowed: true });
    expect(metricsAccess(from("::ffff:10.1.1.1"))).toEqual({ allowed: true });
    expect(metricsAccess(from("fd12:3456::1"))).toEqual({ allowed: true });
    expect(metricsAccess(from("192.0.2.8"))).toEqual({ allowed: false, status: 403 });
    // The client's own claim, left of what the proxy appended, does not count.
    expect(metricsAccess(request({ "x-forwarded-for": "10.0.0.1, 198.51.100.7" }))).toEqual({ allowed: false, status: 403 });
  });

  it("with both set, takes either, and asks for the token from elsewhere", () => {
    configure({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: "10.0.0.0/8", TRUSTED_PROXY_HOPS: "1" });
    expect(metricsAccess(from("10.0.0.9"))).toEqual({ allowed: true });
    expect(metricsAccess(from("198.51.100.7", { authorization: `Bearer ${TOKEN}` }))).toEqual({ allowed: true });
    expect(metricsAccess(from("198.51.100.7"))).toEqual({ allowed: false, status: 401 });
  });
});

describe("the settings", () => {
  it("refuse a short token and entries that are not addresses or ranges, naming the variable", () => {
    const problems = (source: Record<string, string>) => {
      try {
        parseEnv(variables, source);
        return [];
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidEnvError);
        return (error as InvalidEnvError).problems.map((problem) => problem.name);
      }
    };
    expect(problems({ METRICS_TOKEN: "short" })).toEqual(["METRICS_TOKEN"]);
    for (const bad of ["10.0.0.0/33", "localhost", "10.0.0.1/8/8", "fd00::/129", "10.0.0.0/x"]) {
      expect(problems({ METRICS_ALLOW: `192.0.2.1, ${bad}` }), bad).toEqual(["METRICS_ALLOW"]);
    }
    expect(problems({ OPERATOR_EMAILS: "ops@example.test, nobody" })).toEqual(["OPERATOR_EMAILS"]);
    expect(problems({ REDIS_URL: "http://cache:6379" })).toEqual(["REDIS_URL"]);
  });

  it("read lists as their entries", () => {
    const env = parseEnv(variables, { METRICS_ALLOW: " 10.0.0.0/8 ,::1,", OPERATOR_EMAILS: "Ops@Example.test" });
    expect(env.METRICS_ALLOW).toEqual(["10.0.0.0/8", "::1"]);
    expect(env.OPERATOR_EMAILS).toEqual(["Ops@Example.test"]);
    expect(parseEnv(variables, {}).METRICS_ALLOW).toEqual([]);
  });
});
