// A private copy of the working tree to build and serve the app from. The repository's own .next
// is shared with `npm run test:e2e` and `next dev`, which rebuild or wipe it without warning; a
// snapshot also holds the code still while others edit it. node_modules is hard-linked, not
// symlinked: Turbopack compiles nothing outside its root, and a link costs no disk.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./processes";

export const SNAPSHOT_DIR = path.join(os.tmpdir(), "atelier-bench", "app");

/** Whether a previous run left a complete build to serve (for BENCH_SKIP_BUILD=1). */
export function snapshotHasBuild(): boolean {
  return fs.existsSync(path.join(SNAPSHOT_DIR, ".next/BUILD_ID"));
}

export type Snapshot = { files: number; commit: string; uncommittedChanges: number };

const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

/** Replaces the snapshot with the current working tree, keeping Turbopack's cache between runs. */
export function takeSnapshot(): Snapshot {
  fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
  for (const entry of fs.readdirSync(SNAPSHOT_DIR)) {
    if (entry !== ".next") fs.rmSync(path.join(SNAPSHOT_DIR, entry), { recursive: true, force: true });
  }
  const dist = path.join(SNAPSHOT_DIR, ".next");
  if (fs.existsSync(dist)) {
    for (const entry of fs.readdirSync(dist)) {
      if (entry !== "cache") fs.rmSync(path.join(dist, entry), { recursive: true, force: true });
    }
  }

  // What a build of the working tree would see: tracked and untracked files, minus ignored ones
  // (and minus bench/, which the app never imports).
  const listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard");
  const files = [...new Set(listed.split("\0"))].filter(
    (file) => file && !file.startsWith("bench/") && fs.existsSync(path.join(ROOT, file)),
  );
  for (const file of files) {
    const target = path.join(SNAPSHOT_DIR, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), target);
  }
  execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(SNAPSHOT_DIR, "node_modules")]);
  // Which code was measured: the commit, and how many files differed from it (bench/ aside).
  const changes = git("status", "--porcelain", "-z", "--", ".", ":(exclude)bench").split("\0").filter(Boolean);
  return { files: files.length, commit: git("rev-parse", "--short", "HEAD").trim(), uncommittedChanges: changes.length };
}
