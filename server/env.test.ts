import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "@/lib/env";
import { variables } from "./env";

type Row = { names: string[]; defaultCell: string };

/** The rows of README.md's "## Configuration" table: the variables named in the first cell, and the default cell. */
function readmeTable(): Row[] {
  const readme = fs.readFileSync(path.resolve(import.meta.dirname, "../README.md"), "utf8");
  const section = readme.split(/^## Configuration\s*$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2); // header and separator
  return rows.map((line) => {
    const [first = "", second = ""] = line.split("|").slice(1);
    return { names: [...first.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!), defaultCell: second.trim() };
  });
}

describe("the README's configuration table", () => {
  const rows = readmeTable();

  it("names exactly the variables server/env.ts reads", () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.flatMap((row) => row.names).sort()).toEqual(Object.keys(variables).sort());
  });

  it("states each default the module uses, and 'unset' where it has none", () => {
    for (const row of rows) {
      for (const name of row.names) {
        const fallback = variables[name as keyof typeof variables].default;
        // The default cell starts with "unset" (optionally explained), or with the value in backticks.
        const stated = row.defaultCell.startsWith("unset") ? undefined : /^`([^`]*)`/.exec(row.defaultCell)?.[1];
        expect({ name, default: stated }).toEqual({ name, default: fallback });
      }
    }
  });
});

describe("configuration checks", () => {
  it("uses the defaults when nothing is set, and treats empty as unset", () => {
    const env = parseEnv(variables, { MEDIA_DIR: "", DATABASE_POOL_SIZE: " " });
    expect(env).toMatchObject({ DATABASE_POOL_SIZE: 10, ATELIER_DATA_DIR: ".data", TRUSTED_PROXY_HOPS: 0, MEDIA_DIR: undefined });
    expect(env.MAIL_FROM).toBe("Atelier <no-reply@localhost>");
  });

  it("refuses bad values with a message naming each variable, and never echoes a value", () => {
    const source = { DATABASE_POOL_SIZE: "abc", AUTH_URL: "atelier.example", DATABASE_URL: "mysql://root:hunter2@db/atelier" };
    let error: unknown;
    try {
      parseEnv(variables, source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidEnvError);
    expect((error as InvalidEnvError).problems.map((p) => p.name).sort()).toEqual(["AUTH_URL", "DATABASE_POOL_SIZE", "DATABASE_URL"]);
    const message = (error as Error).message;
    expect(message).toContain("DATABASE_POOL_SIZE must be a whole number from 1 to 1000");
    expect(message).toContain("AUTH_URL must be a URL like https://atelier.example");
    expect(message).not.toContain("hunter2");
  });

  it("reads numbers and addresses as the app uses them", () => {
    const env = parseEnv(variables, { DATABASE_POOL_SIZE: "25", TRUSTED_PROXY_HOPS: "2", AUTH_URL: "https://atelier.example/" });
    expect(env).toMatchObject({ DATABASE_POOL_SIZE: 25, TRUSTED_PROXY_HOPS: 2, AUTH_URL: "https://atelier.example/" });
    expect(() => parseEnv(variables, { TRUSTED_PROXY_HOPS: "11" })).toThrow("TRUSTED_PROXY_HOPS must be a whole number from 0 to 10");
  });
});
