// How a run reads: the figures of each target, the app's figures as ratios to the framework's own
// floor (the baseline app), a console table, and the Markdown that BENCHMARKS.md quotes.
import type { Measurement } from "./load";

export type Ratios = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssAfter: number;
  rssPeak: number;
  serverCpuPerRequest: number;
  bytesPerResponse: number;
};

export function ratios(app: Measurement, baseline: Measurement): Ratios {
  return {
    requestsPerSecond: app.requestsPerSecond / baseline.requestsPerSecond,
    p50: app.latencyMs.p50 / baseline.latencyMs.p50,
    p99: app.latencyMs.p99 / baseline.latencyMs.p99,
    rssAfter: app.rss.after / baseline.rss.after,
    rssPeak: app.rss.peak / baseline.rss.peak,
    serverCpuPerRequest: app.serverCpuMsPerRequest / baseline.serverCpuMsPerRequest,
    bytesPerResponse: app.bytesPerResponse / baseline.bytesPerResponse,
  };
}

export const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
export const times = (value: number) => `${fixed(value, 2)}×`;
export const kb = (bytes: number) => (bytes / 1000).toFixed(1);

export type Row = Record<string, string>;

export function figureRow(m: Measurement, label: string): Row {
  return {
    target: label,
    "req/s": fixed(m.requestsPerSecond),
    "p50 ms": fixed(m.latencyMs.p50, 0),
    "p99 ms": fixed(m.latencyMs.p99, 0),
    "RSS after MiB": mib(m.rss.after),
    "RSS peak MiB": mib(m.rss.peak),
    "server CPU ms/req": fixed(m.serverCpuMsPerRequest, 2),
    "kB/response": kb(m.bytesPerResponse),
    // CPU in percent of one core (the machine has two): server / load generator / PostgreSQL / rest.
    "CPU % srv/gen/pg/other": `${m.cpuPercentOfOneCore.server}/${m.cpuPercentOfOneCore.loadGenerator}/${m.cpuPercentOfOneCore.postgres}/${m.cpuPercentOfOneCore.other}`,
  };
}

function ratioRow(label: string, r: Ratios): Row {
  return {
    "app vs": label,
    "req/s": times(r.requestsPerSecond),
    "p50": times(r.p50),
    "p99": times(r.p99),
    "RSS after": times(r.rssAfter),
    "RSS peak": times(r.rssPeak),
    "server CPU/req": times(r.serverCpuPerRequest),
    "bytes/response": times(r.bytesPerResponse),
  };
}

export function markdownTable(rows: Row[]): string {
  const headers = Object.keys(rows[0]!);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(headers),
    line(headers.map((_, i) => (i === 0 ? "---" : "---:"))),
    ...rows.map((row) => line(headers.map((h) => row[h]!))),
  ].join("\n");
}

export function textTable(rows: Row[]): string {
  const headers = Object.keys(rows[0]!);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((row) => row[h]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(headers), ...rows.map((row) => line(headers.map((h) => row[h]!)))].join("\n");
}

export type Report = {
  app: Measurement;
  baselineUncached: Measurement;
  baselineCached: Measurement;
  appPath: string;
};

function rows(report: Report) {
  const figures = [
    figureRow(report.app, `app ${report.appPath}`),
    figureRow(report.baselineUncached, "baseline /uncached"),
    figureRow(report.baselineCached, "baseline /cached"),
  ];
  const relative = [
    ratioRow("baseline /uncached", ratios(report.app, report.baselineUncached)),
    ratioRow("baseline /cached", ratios(report.app, report.baselineCached)),
  ];
  return { figures, relative };
}

export function consoleReport(report: Report): string {
  const { figures, relative } = rows(report);
  return `${textTable(figures)}\n\n${textTable(relative)}`;
}

export function markdownReport(report: Report): string {
  const { figures, relative } = rows(report);
  return `${markdownTable(figures)}\n\n${markdownTable(relative)}`;
}

