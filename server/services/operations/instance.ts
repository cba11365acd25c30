// Which Atelier this process runs and for how long: the package version, the git commit of the
// checkout it was started from (when there is one), Node's version and the uptime.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import packageJson from "@/package.json";

export type InstanceInfo = {
  version: string;
  commit: string | null;
  node: string;
  startedAt: Date;
  uptimeSeconds: number;
};

/** HEAD's commit, read from .git (no git binary needed); null outside a checkout (an image, a tarball). */
function readCommit(root: string): string | null {
  try {
    const gitDir = path.join(/*turbopackIgnore: true*/ root, ".git");
    const head = fs.readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return head.slice(0, 12);
    const ref = head.slice("ref: ".length);
    const loose = path.join(gitDir, ref);
    if (fs.existsSync(loose)) return fs.readFileSync(loose, "utf8").trim().slice(0, 12);
    // After `git gc` refs live in one file: "<sha> <ref>" per line.
    const packed = fs.readFileSync(path.join(gitDir, "packed-refs"), "utf8");
    return packed.split("\n").find((line) => line.endsWith(` ${ref}`))?.slice(0, 12) ?? null;
  } catch {
    return null;
  }
}

let commit: string | null | undefined;

export function instanceInfo(now = new Date()): InstanceInfo {
  // Read on first use and kept: a checkout moved on since the start is not what this process runs.
  commit ??= readCommit(process.cwd());
  const uptimeSeconds = Math.round(process.uptime());
  return {
    version: packageJson.version,
    commit,
    node: process.version,
    startedAt: new Date(now.getTime() - uptimeSeconds * 1000),
    uptimeSeconds,
  };
}
