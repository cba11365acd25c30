// The machine's Chromium and the flags every browser our tests, bench and Lighthouse start gets:
// no sandbox (containers), no GPU, and nothing that reaches the network by itself.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
