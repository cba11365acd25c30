// The Reading of BENCHMARKS.md: what the Results tables say, written by the same run from the same
// figures (inside the results markers), so no sentence can quote a number the tables do not show.
// Explanations that hold whatever the figures are stay fixed; every figure is computed here.
import type { Measurement } from "./load";
import { observabilityReading } from "./observability-report";
import { fixed, kb, ratios, times } from "./report";
import type { RunResults } from "./results-doc";

const ms = (value: number) => `${fixed(value, 0)} ms`;
const percent = (value: number) => `${fixed(value * 100, 0)} %`;
const more = (ratio: number) => `${percent(Math.abs(ratio - 1))} ${ratio >= 1 ? "more" : "less"}`;
const queries = (value: number) => `${value >= 0 ? "+" : "−"}${fixed(Math.abs(value), 2)}`;

/** How far connections ÷ throughput (pure queueing) is from the measured p50, at worst. */
function saturationGap(runs: Measurement[]): number {
  return Math.max(...runs.map((m) => Math.abs((m.connections / m.requestsPerSecond) * 1000 - m.latencyMs.p50) / m.latencyMs.p50));
}

function pages(r: RunResults): string[] {
  const { app, baselineUncached, baselineCached } = r.report;
  const vsUncached = ratios(app, baselineUncached);
  const vsCached = ratios(app, baselineCached);
  const gap = saturationGap([app, r.gated.anonymous, r.gated.member, baselineUncached, baselineCached]);
  const q = r.queries;
  const counts = [q.publicAnonymous, q.gatedAnonymous, q.publicMember, q.gatedMember];
  const whole = counts.every((count) => Number.isInteger(Math.round(count.statementsPerView * 100) / 100));
  return [
    gap < 0.15
      ? `- **Every page target is saturated at ${app.connections} connections**, so p50 is mostly queueing: the saturation check puts connections ÷ throughput beside the measured p50, and they agree within ${percent(gap)}. The p50 ratio is the throughput ratio seen from the other side; server CPU per request is the figure that says what one page view costs.`
      : `- **Not every page target was saturated at ${app.connections} connections**: connections ÷ throughput and the measured p50 differ by up to ${percent(gap)}, so compare server CPU per request, not latency.`,
    `- **The anonymous post comes from the page cache** (server/cache: no database statement per view, see below), and still costs ${times(vsCached.serverCpuPerRequest)} the CPU per request of the bare cached page (${times(vsCached.requestsPerSecond)} its throughput), ${times(vsUncached.serverCpuPerRequest)} that of the bare dynamic one. What serving it does that the bare cached page does not: the proxy (security headers, the request id, the body-size and cross-site checks), the rewrite to the shared version, the lookup in our cache handler with its invalidation check, and ${times(vsUncached.bytesPerResponse)} the bytes. That per-request path, not rendering, is what stands between the app and the cached floor.`,
    `- **Bytes: ${times(vsUncached.bytesPerResponse)}** the floor's (uncompressed; autocannon sends no \`Accept-Encoding\`). Both pages carry the ${kb(r.dataset.publicPost.htmlBytes)} kB article twice, once as HTML and once in the inline RSC payload; the app adds the header and footer, utility classes, metadata, JSON-LD and its client chunks. The anonymous gated page is ${times(r.gated.anonymous.bytesPerResponse / app.bytesPerResponse)} the public page's size: it carries the teaser only, and the checks prove the body (canary) is in neither its HTML nor its RSC payload.`,
    `- **Statements per view are counted, not sampled**: sequential views on an otherwise idle pool give whole numbers${whole ? ", as they do here" : "; here they do not, so the count caught other work and should be rerun"}. The public post costs an anonymous viewer ${fixed(q.publicAnonymous.queriesPerView, 2)} queries per view; the gated post ${queries(q.gatedAnonymous.queriesPerView - q.publicAnonymous.queriesPerView)} for the same viewer. A signed-in viewer costs ${queries(q.publicMember.queriesPerView - q.publicAnonymous.queriesPerView)} on every post page, gated or not, and the paid member's gated post ${queries(q.gatedMember.queriesPerView - q.publicMember.queriesPerView)} beyond that. The lists under the table name each extra statement.`,
    `- **The member's gated page costs ${more(r.gated.member.serverCpuMsPerRequest / app.serverCpuMsPerRequest)} server CPU than the anonymous public page**: it is rendered for the member (the signed-in header, the full post) where the anonymous page comes from the cache, and reads the session with the viewer's memberships and then the post. The anonymous gated page costs ${more(r.gated.anonymous.serverCpuMsPerRequest / app.serverCpuMsPerRequest)}. Throughput ratios between the three post pages move by about ±10 % between runs on a shared machine; compare server CPU per request first.`,
    `- **RSS is not a steady state.** It keeps rising during a ${app.durationSeconds} s run at saturation; the figure means "after the warm-up and the run", not a sizing, and longer runs read higher.`,
    `- **The load generator shares the cores** with the server and PostgreSQL, and also runs the counting proxy: ${app.cpuPercentOfOneCore.loadGenerator} % of a core against the app, ${baselineCached.cpuPercentOfOneCore.loadGenerator} % against the cached page, so the cached figure is, if anything, understated.`,
  ];
}

function autosave(r: RunResults): string[] {
  const { app, baseline } = r.autosave;
  const keepsUp = app.achievedPerSecond >= 0.98 * app.scheduledPerSecond;
  return [
    `- **A save is the validated write, not the request.** The baseline receives the same ${kb(app.requestBytes)} kB bodies and answers in ${ms(baseline.roundTripMs.p50)} at p50; the app's \`post.save\` proves the session, loads the creator, validates the whole document against the schema (size, depth, node count, every node and mark), locks the post row, compares versions, writes the draft and, at most once per autosave window, a revision. Its server CPU per save is ${times(app.serverCpuMsPerSave / baseline.serverCpuMsPerSave)} the baseline's.`,
    `- **${fixed(app.scheduledPerSecond)} saves/s ${keepsUp ? "keep up" : "do not keep up"}** (${fixed(app.achievedPerSecond)} achieved; saves started at most ${ms(app.startDelayMs.max)} late). The server spends ${app.cpuPercentOfOneCore.server} % of a core on them and PostgreSQL ${app.cpuPercentOfOneCore.postgres} %; the round trip is ${ms(app.roundTripMs.p50)} at p50, ${ms(app.roundTripMs.p95)} at p95 and ${ms(app.roundTripMs.p99)} at p99 (max ${ms(app.roundTripMs.max)}). The tail moves most between runs on a shared machine. The editor does not wait for a save to keep typing, so what a creator notices is the save status lagging, not input.`,
    `- Conflicts and errors (${app.conflicts}/${app.errors}) are 0 by construction and checked: every save names the version the previous one returned, as the editor does.`,
  ];
}

function editor(r: RunResults): string[] {
  const { editor: scripts, baseline } = r.scripts;
  const [largest] = scripts.largest;
  const { long, short } = r.editorOpen;
  return [
    `- **The editor route ships ${times(scripts.gzipBytes / baseline.gzipBytes)} the JavaScript of a bare Next.js page** (gzip).${largest ? ` Its largest chunk, ${kb(largest.bytes)} kB raw (${kb(largest.gzipBytes)} kB gzip), holds Tiptap and ProseMirror, the markdown support and the editor's own components; React DOM, which every Next.js page ships (the baseline too), is among the rest. Chunk names are content hashes and change with builds.` : ""}`,
    `- **Time to editable**: ${ms(short.editableMs.median)} (median) for a ${short.draftWords.toLocaleString("en")}-word draft; a ${long.draftWords.toLocaleString("en")}-word draft (${times(long.draftWords / short.draftWords)} the words) takes ${times(long.editableMs.median / short.editableMs.median)} as long. The HTML (with the document in its RSC payload) has arrived by ${ms(Math.max(long.responseEndMs, short.responseEndMs))}; the rest is parsing and running the scripts, hydration, and Tiptap building the editor after hydration. Each run is a first visit (fresh context, empty cache) in headless Chromium on the same cores as the server, so a creator's own laptop will differ; the long ÷ short ratio is the portable figure.`,
  ];
}

export function readingMarkdown(r: RunResults): string {
  return [
    "## Reading",
    "",
    "What the tables above say, written by the same run from the same figures.",
    "",
    "### Public and gated post pages",
    "",
    ...pages(r),
    "",
    "### Observability",
    "",
    ...observabilityReading(r.observability),
    "",
    "### Autosave",
    "",
    ...autosave(r),
    "",
    "### The editor in the browser",
    "",
    ...editor(r),
  ].join("\n");
}
