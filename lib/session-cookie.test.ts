// Which cookie is the session: the `__Secure-` one always, the plain one only on a site not
// configured on https, where Auth.js itself sets it.
import { describe, expect, it } from "vitest";
import { sessionTokenOf } from "./session-cookie";

const jar = (cookies: Record<string, string>) => (name: string) => cookies[name];

describe("sessionTokenOf", () => {
  it("reads only the __Secure- cookie on an https site, ignoring a plain one planted beside or instead of it", () => {
    expect(sessionTokenOf(jar({ "__Secure-authjs.session-token": "mine", "authjs.session-token": "planted" }), true)).toBe("mine");
    expect(sessionTokenOf(jar({ "authjs.session-token": "planted" }), true)).toBeUndefined();
  });

  it("reads the plain cookie on a site not configured on https, the __Secure- one first", () => {
    expect(sessionTokenOf(jar({ "authjs.session-token": "dev" }), false)).toBe("dev");
    expect(sessionTokenOf(jar({ "__Secure-authjs.session-token": "mine", "authjs.session-token": "other" }), false)).toBe("mine");
    expect(sessionTokenOf(jar({ "authjs.session-token": "" }), false)).toBeUndefined();
    expect(sessionTokenOf(jar({}), false)).toBeUndefined();
  });
});
