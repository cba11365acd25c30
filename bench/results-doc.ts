// The Results section of BENCHMARKS.md, written by every full run between two marker comments:
// what ran (date, commit, machine, dataset, commands), every table, and the Reading of them
// (results-reading.ts), so the document always shows the figures of the last run and its prose
// quotes those figures, never a hand-copied mix of runs.
import fs from "node:fs";
import type { AutosaveMeasurement } from "./autosave";
import type { OpenTimes, ScriptTotals } from "./browser";
import type { Measurement } from "./load";
import type { ObservabilityResults } from "./observability";
import { observabilityMarkdown } from "./observability-report";
import type { QueryCount } from "./queries";
import { fixed, kb, markdownReport, markdownTable, mib, times, type Report, type Row } from "./report";
import { readingMarkdown } from "./results-reading";

export const RESULTS_START = "<!-- bench:results:start (written by npm run bench; edits here are replaced) -->";
export const RESULTS_END = "<!-- bench:results:end -->";

export type RunResults = {
  startedAt: string;
  wallSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; next: string };
  code: { commit: string; uncommittedChanges: number } | null;
  builds: { skipped: boolean; appSeconds: number | null; baselineSeconds: number | null };
  command: string;
  settings: Record<string, string | number>;
  dataset: { publicPost: { words: number; htmlBytes: number }; gatedPost: { teaserBlocks: number; words: number }; autosaveWriters: number; autosaveWords: number; editorDrafts: number[] };
  report: Report;
  publicDatabase: { transactionsPerRequest: number; idleTransactionsPerSecond: number; idleServerCpuPercent: number; idleStatementsPerSecond: number };
  gated: { anonymous: Measurement; member: Measurement };
  observability: ObservabilityResults;
  queries: { publicAnonymous: QueryCount; gatedAnonymous: QueryCount; gatedMember: QueryCount; publicMember: QueryCount };
  autosave: { app: AutosaveMeasurement; baseline: AutosaveMeasurement };
  scripts: { editor: ScriptTotals; baseline: ScriptTotals };
  editorOpen: { short: OpenTimes; long: OpenTimes };
  otherCpuPercentMax: number;
};

const ms = (value: number) => fixed(value, 0);
const signed = (value: number) => `${value >= 0 ? "+" : "−"}${fixed(Math.abs(value), 2)}`;

function gatedRows(r: RunResults): { load: Row[]; queries: Row[] } {
  const publicFigure = r.report.app;
  const loadRow = (label: string, m: Measurement): Row => ({
    "post page": label,
    "req/s": fixed(m.requestsPerSecond),
    "p50 ms": ms(m.latencyMs.p50),
    "p99 ms": ms(m.latencyMs.p99),
    "req/s vs public": times(m.requestsPerSecond / publicFigure.requestsPerSecond),
    "p50 vs public": times(m.latencyMs.p50 / publicFigure.latencyMs.p50),
    "p99 vs public": times(m.latencyMs.p99 / publicFigure.latencyMs.p99),
    "server CPU ms/req": fixed(m.serverCpuMsPerRequest, 2),
    "kB/response": kb(m.bytesPerResponse),
    "RSS peak MiB": mib(m.rss.peak),
  });
  const { publicAnonymous, publicMember } = r.queries;
  const queryRow = (label: string, q: QueryCount, sameViewer: QueryCount): Row => ({
    "post page": label,
    views: String(q.views),
    "statements/view": fixed(q.statementsPerView, 2),
    "queries/view": fixed(q.queriesPerView, 2),
    "queries vs public post, anonymous": signed(q.queriesPerView - publicAnonymous.queriesPerView),
    "queries vs public post, same viewer": signed(q.queriesPerView - sameViewer.queriesPerView),
  });
  return {
    load: [
      loadRow("public post, anonymous", publicFigure),
      loadRow("gated post, anonymous (teaser)", r.gated.anonymous),
      loadRow("gated post, paid member (full)", r.gated.member),
    ],
    queries: [
      queryRow("public post, anonymous", publicAnonymous, publicAnonymous),
      queryRow("gated post, anonymous (teaser)", r.queries.gatedAnonymous, publicAnonymous),
      queryRow("public post, paid member (count only)", publicMember, publicMember),
      queryRow("gated post, paid member (full)", r.queries.gatedMember, publicMember),
    ],
  };
}

/** The statements a page runs that the public anonymous page does not (or runs more often). */
function extraStatements(page: QueryCount, base: QueryCount): string[] {
  const baseline = new Map(base.bySql.map((entry) => [entry.sql, entry.perView]));
  return page.bySql
    .filter((entry) => entry.perView - (baseline.get(entry.sql) ?? 0) > 0.5)
    .map((entry) => `${fixed(entry.perView - (baseline.get(entry.sql) ?? 0), 2)} × \`${entry.sql.replaceAll("`", "'")}\``);
}

function autosaveRows(r: RunResults): Row[] {
  const row = (label: string, a: AutosaveMeasurement): Row => ({
    target: label,
    saves: String(a.saves),
    "scheduled/s": fixed(a.scheduledPerSecond),
    "achieved/s": fixed(a.achievedPerSecond),
    "p50 ms": ms(a.roundTripMs.p50),
    "p95 ms": ms(a.roundTripMs.p95),
    "p99 ms": ms(a.roundTripMs.p99),
    "max ms": ms(a.roundTripMs.max),
    "server CPU ms/save": fixed(a.serverCpuMsPerSave, 1),
    "CPU % srv/gen/pg/other": `${a.cpuPercentOfOneCore.server}/${a.cpuPercentOfOneCore.loadGenerator}/${a.cpuPercentOfOneCore.postgres}/${a.cpuPercentOfOneCore.other}`,
    "conflicts/errors": `${a.conflicts}/${a.errors}`,
  });
  const { app, baseline } = r.autosave;
  return [
    row("app `post.save`", app),
    row("baseline route", baseline),
    {
      target: "app ÷ baseline",
      saves: "",
      "scheduled/s": "",
      "achieved/s": times(app.achievedPerSecond / baseline.achievedPerSecond),
      "p50 ms": times(app.roundTripMs.p50 / baseline.roundTripMs.p50),
      "p95 ms": times(app.roundTripMs.p95 / baseline.roundTripMs.p95),
      "p99 ms": times(app.roundTripMs.p99 / baseline.roundTripMs.p99),
      "max ms": times(app.roundTripMs.max / baseline.roundTripMs.max),
      "server CPU ms/save": times(app.serverCpuMsPerSave / baseline.serverCpuMsPerSave),
      "CPU % srv/gen/pg/other": "",
      "conflicts/errors": "",
    },
  ];
}

function scriptRows(r: RunResults): Row[] {
  const row = (label: string, s: ScriptTotals): Row => ({
    page: label,
    scripts: String(s.count),
    "raw kB": kb(s.bytes),
    "gzip kB": kb(s.gzipBytes),
  });
  const { editor, baseline } = r.scripts;
  return [
    row(`editor \`/studio/posts/{id}\` (signed in)`, editor),
    row("baseline `/uncached`", baseline),
    { page: "editor ÷ baseline", scripts: times(editor.count / baseline.count), "raw kB": times(editor.bytes / baseline.bytes), "gzip kB": times(editor.gzipBytes / baseline.gzipBytes) },
  ];
}

function openRows(r: RunResults): Row[] {
  const row = (o: OpenTimes): Row => ({
    draft: `${o.draftWords.toLocaleString("en")} words`,
    runs: String(o.runs),
    "editable, median ms": ms(o.editableMs.median),
    "editable, max ms": ms(o.editableMs.max),
    "HTML received, median ms": ms(o.responseEndMs),
    "all runs ms": o.editableMs.all.join(", "),
  });
  const { short, long } = r.editorOpen;
  return [
    row(long),
    row(short),
    {
      draft: "long ÷ short",
      runs: "",
      "editable, median ms": times(long.editableMs.median / short.editableMs.median),
      "editable, max ms": times(long.editableMs.max / short.editableMs.max),
      "HTML received, median ms": times(long.responseEndMs / short.responseEndMs),
      "all runs ms": "",
    },
  ];
}

/** At saturation p50 is mostly queueing, close to connections ÷ throughput; this says whether it is. */
function saturation(r: RunResults): string {
  const runs: Array<[string, Measurement]> = [
    ["public post", r.report.app],
    ["gated anonymous", r.gated.anonymous],
    ["gated member", r.gated.member],
    ["baseline /uncached", r.report.baselineUncached],
    ["baseline /cached", r.report.baselineCached],
  ];
  return runs
    .map(([label, m]) => `${label} ${ms(m.connections / m.requestsPerSecond * 1000)} / ${ms(m.latencyMs.p50)}`)
    .join("; ");
}

export function resultsMarkdown(r: RunResults): string {
  const when = `${r.startedAt.slice(0, 16).replace("T", " ")} UTC`;
  const code = r.code
    ? `commit \`${r.code.commit}\` with ${r.code.uncommittedChanges} uncommitted change${r.code.uncommittedChanges === 1 ? "" : "s"} (outside bench/)`
    : "the previous run's builds (`BENCH_SKIP_BUILD=1`, code not re-snapshotted)";
  const builds = r.builds.skipped
    ? "builds reused"
    : `builds included (app ${fixed(r.builds.appSeconds ?? Number.NaN, 0)} s, baseline ${fixed(r.builds.baselineSeconds ?? Number.NaN, 0)} s)`;
  const settings = Object.entries(r.settings)
    .map(([name, value]) => `\`${name}=${value}\``)
    .join(", ");
  const gated = gatedRows(r);
  const loadRuns = [
    r.report.app,
    // Round 1's off run is the app row itself.
    ...r.observability.runs.filter((run) => run.round > 1 || run.configuration !== "off").map((run) => run.measurement),
    r.gated.anonymous,
    r.gated.member,
    r.report.baselineUncached,
    r.report.baselineCached,
  ];
  const repeated = loadRuns.filter((m) => m.attempts > 1).map((m) => `${m.name} (${m.attempts} runs)`);
  const memberExtra = extraStatements(r.queries.gatedMember, r.queries.publicMember);
  const anonymousExtra = extraStatements(r.queries.gatedAnonymous, r.queries.publicAnonymous);
  const sessionOnly = extraStatements(r.queries.publicMember, r.queries.publicAnonymous);
  const list = (items: string[]) => (items.length ? items.map((item) => `  - ${item}`).join("\n") : "  - none");
  const db = r.publicDatabase;
  const a = r.autosave.app;
  const e = r.scripts.editor;
  return [
    `Run of ${when} on ${code}: \`${r.command}\`, ${r.machine.cpus} vCPUs (${r.machine.cpuModel}), ${r.machine.memoryGiB} GiB,`,
    `Node ${r.machine.node}, Next.js ${r.machine.next}, PostgreSQL on the same machine. Wall time ${r.wallSeconds} s, ${builds}.`,
    `Other processes used at most ${r.otherCpuPercentMax} % of a core during a kept run${repeated.length ? `; repeated because other processes were busy: ${repeated.join(", ")}` : ""}. Settings: ${settings}.`,
    "",
    `Dataset: the public post has ${r.dataset.publicPost.words.toLocaleString("en")} words (${r.dataset.publicPost.htmlBytes.toLocaleString("en")} bytes of HTML); the gated post is the same article with a paywall break after its first ${r.dataset.gatedPost.teaserBlocks} blocks and a canary paragraph at the end (${r.dataset.gatedPost.words.toLocaleString("en")} words); ${r.dataset.autosaveWriters} autosave creators with ${r.dataset.autosaveWords.toLocaleString("en")}-word drafts of their own; editor drafts of ${r.dataset.editorDrafts.map((w) => w.toLocaleString("en")).join(" and ")} words.`,
    "",
    "### Public post page against the bare Next.js floor",
    "",
    markdownReport(r.report),
    "",
    `Database (from \`pg_stat_database\`, less the idle rate): **${fixed(db.transactionsPerRequest, 2)} transactions per page view**. The idle app server commits ${fixed(db.idleTransactionsPerSecond, 1)} transactions/s on its own (the job runner) and uses ${db.idleServerCpuPercent} % of a core; its request pool runs ${fixed(db.idleStatementsPerSecond, 2)} statements/s while idle.`,
    "",
    `Saturation check, connections ÷ req/s against the measured p50, ms: ${saturation(r)}.`,
    "",
    observabilityMarkdown(r.observability),
    "",
    "### Gated post: anonymous viewer and paid member",
    "",
    markdownTable(gated.load),
    "",
    "Statements per page view, counted on the wire between the app's request pool and PostgreSQL (sequential views, idle rate subtracted; *queries* leave out `begin`/`commit`):",
    "",
    markdownTable(gated.queries),
    "",
    "What a page runs beyond the public post for the same viewer, per view (SQL shortened):",
    "",
    "- gated post, anonymous, beyond the public post, anonymous:",
    list(anonymousExtra),
    "- gated post, paid member, beyond the public post requested with the same cookie:",
    list(memberExtra),
    "- public post with the member's cookie, beyond the anonymous request (signing in, whatever the post):",
    list(sessionOnly),
    "",
    "### Autosave round trip",
    "",
    `${a.writers} creators, each saving their own draft every ${fixed(a.intervalMs / 1000, 1)} s for ${a.durationSeconds} s (request body ${kb(a.requestBytes)} kB); round trip from sending the request to reading the answer. Saves started at most ${ms(a.startDelayMs.max)} ms behind schedule (median ${ms(a.startDelayMs.p50)} ms).`,
    "",
    markdownTable(autosaveRows(r)),
    "",
    "### The editor's JavaScript",
    "",
    markdownTable(scriptRows(r)),
    "",
    "Largest editor chunks (raw / gzip kB):",
    "",
    ...e.largest.map((s) => `- \`${s.url}\`: ${kb(s.bytes)} / ${kb(s.gzipBytes)}`),
    "",
    "### Opening a post until it is editable",
    "",
    markdownTable(openRows(r)),
    "",
    readingMarkdown(r),
  ].join("\n");
}

/** Replaces what lies between the markers in `file`; refuses to guess if they are missing. */
export function writeResultsSection(file: string, markdown: string): void {
  const document = fs.readFileSync(file, "utf8");
  const start = document.indexOf(RESULTS_START);
  const end = document.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${file} has no results markers (${RESULTS_START} … ${RESULTS_END}).`);
  const updated = `${document.slice(0, start + RESULTS_START.length)}\n\n${markdown}\n\n${document.slice(end)}`;
  fs.writeFileSync(file, updated);
}
