// Reading Prometheus's text format in tests: one series' value, as a dashboard would query it.

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]!] = match[2]!.replace(/\\(.)/g, "$1");
  return labels;
}

/**
 * The sum of the samples of `name` whose labels include `labels` (all of a metric's series when
 * none are given), or undefined when no such series is in the output.
 */
export function sampleValue(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let sum: number | undefined;
  for (const line of exposition.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const own = parseLabels(match[2] ?? "");
    if (Object.entries(labels).every(([key, value]) => own[key] === value)) sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}
