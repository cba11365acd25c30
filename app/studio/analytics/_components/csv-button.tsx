"use client";
// Downloads what a table shows as CSV, built in the browser from the same figures.
import { toCsv } from "@/lib/csv";

export function CsvButton({ filename, header, rows, label = "Export CSV" }: { filename: string; header: string[]; rows: (string | number)[][]; label?: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <button type="button" onClick={download} disabled={rows.length === 0} className="text-sm font-medium text-accent-strong underline disabled:text-faint disabled:no-underline">
      {label}
    </button>
  );
}
