// `npm run db:check`: fails when the schema in db/schema and the committed migrations disagree,
// i.e. someone changed the schema without running `npm run db:generate`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const committed = path.resolve("db/migrations");
// drizzle-kit only accepts an output folder relative to the project.
const scratch = path.join("node_modules", ".cache", `atelier-migrations-check-${process.pid}`);

try {
  fs.cpSync(committed, scratch, { recursive: true });
  const before = new Set(fs.readdirSync(scratch));
  const output = execFileSync(
    "npx",
    ["drizzle-kit", "generate", "--dialect", "postgresql", "--schema", "./db/schema/index.ts", "--casing", "snake_case", "--out", scratch, "--name", "drift"],
    { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
  );
  const added = fs.readdirSync(scratch).filter((file) => !before.has(file));
  if (added.length > 0) {
    const sql = added.filter((f) => f.endsWith(".sql")).map((f) => fs.readFileSync(path.join(scratch, f), "utf8"));
    console.error("The schema and the committed migrations disagree. Run `npm run db:generate` and commit the result.");
    console.error(sql.join("\n"));
    process.exitCode = 1;
  } else if (/No schema changes/i.test(output)) {
    console.log("Migrations match the schema.");
  } else {
    // drizzle-kit can fail and still exit 0: only its explicit answer counts as a pass.
    console.error("Could not compare the schema with the migrations:\n" + output);
    process.exitCode = 1;
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
