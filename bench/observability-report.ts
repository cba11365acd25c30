// How the observability figures read: every run, the medians' ratios to "off" beside the issue's
// goals, for the console and for BENCHMARKS.md, and the Reading's sentences about them.
import type { Configuration, ObservabilityResults, ObservedRun, VersusOff } from "./observability";
import { fixed, markdownTable, mib, textTable, times, type Row } from "./report";

const percent = (value: number) => `${fixed(value * 100, 0)} %`;
const lower = (ratio: number) => `${percent(Math.abs(1 - ratio))} ${ratio <= 1 ? "lower" : "higher"}`;

function runRow(run: ObservedRun): Row {
  const m = run.measurement;
  const cpu = m.cpuPercentOfOneCore;
  return {
    round: String(run.round),
    configuration: run.configuration,
    "req/s": fixed(m.requestsPerSecond),
    "p50 ms": fixed(m.latencyMs.p50, 0),
    "p99 ms": fixed(m.latencyMs.p99, 0),
    "server CPU ms/req": fixed(m.serverCpuMsPerRequest, 2),
    "RSS peak MiB": mib(m.rss.peak),
    "log lines/req": fixed(run.log.linesPerRequest, 2),
    "scrapes ok": run.scrapes ? `${run.scrapes.count - run.scrapes.failed}/${run.scrapes.count}` : "–",
    "spans/req": run.configuration === "traces" ? fixed(run.spans.perRequest, 2) : "–",
    "CPU % srv/gen/pg/other": `${cpu.server}/${cpu.loadGenerator}/${cpu.postgres}/${cpu.other}`,
  };
}

function versusRow(label: string, v: VersusOff): Row {
  return {
    "vs off": label,
    "req/s (medians)": times(v.requestsPerSecond),
    goal: `≥ ${times(v.goal)}`,
    "goal met": v.met ? "yes" : "**no**",
    "req/s, each round": v.roundRatios.map(times).join(", "),
    "p99 (medians)": times(v.p99),
    "server CPU/req (medians)": times(v.serverCpuPerRequest),
  };
}

function tables(o: ObservabilityResults) {
  return {
    // In the order they ran, which is the order of o.order.
    runs: o.runs.map(runRow),
    versus: [versusRow("on (metrics, logging)", o.vsOff.on), versusRow("traces (and metrics, logging)", o.vsOff.traces)],
  };
}

export function observabilityConsole(o: ObservabilityResults): string {
  const { runs, versus } = tables(o);
  return `${textTable(runs)}\n\n${textTable(versus).replaceAll("**", "")}`;
}

const runsOf = (o: ObservabilityResults, configuration: Configuration) => o.runs.filter((run) => run.configuration === configuration);
const orderText = (o: ObservabilityResults) => o.order.join(", ");

export function observabilityMarkdown(o: ObservabilityResults): string {
  const { runs, versus } = tables(o);
  return [
    "### Observability: the public post with logging, metrics and traces off and on",
    "",
    `The anonymous public post on a fresh server per run, ${o.rounds} round${o.rounds === 1 ? "" : "s"} in the order ${orderText(o)}; *off*: \`LOG_LEVEL=silent\`, no metrics, no traces (round 1's off run is the app row above); *on*: \`LOG_LEVEL=info\`, \`METRICS_TOKEN\` set and \`/api/metrics\` scraped every ${o.scrapeEverySeconds} s during the run; *traces*: on, plus \`OTEL_EXPORTER_OTLP_ENDPOINT\` at the bench's OTLP receiver. Ratios divide the medians of each configuration's runs.`,
    "",
    markdownTable(runs),
    "",
    markdownTable(versus),
  ].join("\n");
}

function verdict(v: VersusOff): string {
  const rounds = v.roundRatios;
  const allMet = rounds.every((ratio) => ratio >= v.goal);
  const noneMet = rounds.every((ratio) => ratio < v.goal);
  const roundsText = rounds.length > 1 ? ` (rounds: ${rounds.map(times).join(", ")})` : "";
  if (v.met && allMet) return `meets the goal of ≥ ${times(v.goal)} in every round${roundsText}`;
  if (!v.met && noneMet) return `misses the goal of ≥ ${times(v.goal)} in every round${roundsText}`;
  return `${v.met ? "meets" : "misses"} the goal of ≥ ${times(v.goal)} by the medians but not in every round${roundsText}: the margin is within the run-to-run noise, so server CPU per request says more`;
}

export function observabilityReading(o: ObservabilityResults): string[] {
  const { on, traces } = o.vsOff;
  const onRuns = runsOf(o, "on");
  const traceRuns = runsOf(o, "traces");
  const scrapes = [...onRuns, ...traceRuns].flatMap((run) => (run.scrapes ? [run.scrapes] : []));
  const scrapeCount = scrapes.reduce((sum, tally) => sum + tally.count, 0);
  const slowestScrape = Math.max(...scrapes.map((tally) => tally.durationMs.max));
  const samples = Math.max(...scrapes.map((tally) => tally.atelierSamples));
  const logLines = Math.max(...onRuns.map((run) => run.log.linesPerRequest));
  const logBytes = Math.max(...onRuns.map((run) => run.log.bytesPerRequest));
  const logTotal = Math.max(...onRuns.map((run) => run.log.lines));
  const logging =
    logTotal === 0
      ? "logging at `info` wrote no line at all: a page view logs nothing at that level"
      : logLines < 0.01
        ? `logging at \`info\` wrote up to ${logTotal} lines over a server's whole life, none that a page view adds`
        : `logging at \`info\` wrote up to ${fixed(logLines, 2)} lines (${fixed(logBytes, 0)} bytes) per request`;
  const encodings = [...new Set(traceRuns.flatMap((run) => run.spans.contentTypes))].join(", ");
  const spans = traceRuns.map((run) => run.spans.perRequest);
  const exportedBytes = Math.max(...traceRuns.map((run) => run.spans.bytes / run.requestsServed));
  const generator = (configuration: Configuration) => Math.max(...runsOf(o, configuration).map((run) => run.measurement.cpuPercentOfOneCore.loadGenerator));
  return [
    `- **Metrics and logging: ${lower(on.requestsPerSecond)} throughput** (on ÷ off ${times(on.requestsPerSecond)}), which ${verdict(on)}. Server CPU per page view ${times(on.serverCpuPerRequest)}, p99 ${times(on.p99)}. At saturation throughput is CPU-bound, so the two ratios are each other's inverse when the figures are clean.`,
    `- **With traces: ${lower(traces.requestsPerSecond)} throughput** (traces ÷ off ${times(traces.requestsPerSecond)}), which ${verdict(traces)}. Server CPU per page view ${times(traces.serverCpuPerRequest)}, p99 ${times(traces.p99)}. Every traces run exported ${spans.map((value) => fixed(value, 2)).join(", ")} spans per request it answered (about ${fixed(exportedBytes / 1000, 1)} kB per request as sent, \`${encodings}\`), counted by the receiver after the exporter had flushed.`,
    `- **What "on" did**: ${logging}; ${scrapeCount} scrapes of \`/api/metrics\` during the runs all answered 200, with up to ${samples} \`atelier_\` samples, the slowest in ${fixed(slowestScrape, 0)} ms under load. The scrapes' server time is part of the server CPU per page view.`,
    `- **Every other app figure is taken with observability off**, round 1's off run being the public post row above: what the app costs and what watching it costs are separate figures. The receiver and the scraper run in the load generator's process, which used up to ${generator("traces")} % of a core during the traces runs against ${generator("off")} % during the off runs; on two cores that is taken from the server, so the cost of traces is, if anything, overstated.`,
  ];
}
