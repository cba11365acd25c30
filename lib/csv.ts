// CSV as spreadsheets read it: one line per row, quoted where needed, formulas defused.

export function csvCell(value: string | number): string {
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in spreadsheet apps (numbers are left as they are).
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map(csvLine).join("");
}
