// Nothing a "use client" module loads at run time may come from server/ or db/: it would ship
// server code (and whatever it reads) to the browser. Type-only imports vanish at build, and a
// "use server" module reaches the client only as references to its actions, so both are allowed.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** The module's directive ("use client", "use server"): its first statement, after any comments. */
function directive(file: string): string | null {
  const text = fs.readFileSync(file, "utf8").replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, "");
  return /^["'](use (?:client|server))["']/.exec(text)?.[1] ?? null;
}

/** Specifiers this module imports at run time (type-only imports and re-exports left out). */
function runtimeImports(source: ts.SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!onlyTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument)) specifiers.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : null;
  if (!base) return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every chain from a client module to a server/ or db/ module it loads at run time. */
function serverReachedFromClient(): string[] {
  const parsed = new Map<string, ts.SourceFile>();
  const source = (file: string) => parsed.get(file) ?? parsed.set(file, parse(file)).get(file)!;
  const crossings: string[] = [];
  const clients = sourceFiles(path.join(root, "app")).filter((file) => directive(file) === "use client");
  for (const client of clients) {
    const seen = new Set<string>([client]);
    const queue: { file: string; chain: string[] }[] = [{ file: client, chain: [path.relative(root, client)] }];
    while (queue.length > 0) {
      const { file, chain } = queue.shift()!;
      for (const specifier of runtimeImports(source(file))) {
        const target = resolveLocal(file, specifier);
        if (!target || seen.has(target)) continue;
        seen.add(target);
        const relative = path.relative(root, target);
        if (/^(server|db)\//.test(relative)) {
          if (directive(target) !== "use server") crossings.push([...chain, relative].join(" → "));
          continue;
        }
        queue.push({ file: target, chain: [...chain, relative] });
      }
    }
  }
  return crossings;
}

describe("the client boundary", () => {
  // Reads and parses every module the client can reach: seconds on a busy machine, not a unit's 5.
  it("no client module loads server/ or db/ code", { timeout: 60_000 }, () => {
    expect(serverReachedFromClient()).toEqual([]);
  });
});
