// A dashboard panel: a titled card, with its CSV export beside the title when it has one.
import type { ReactNode } from "react";
import { CsvButton } from "./csv-button";

export type CsvExport = { filename: string; header: string[]; rows: (string | number)[][] };

export function Panel({ id, title, csv, className = "", children }: { id: string; title: ReactNode; csv?: CsvExport; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={`rounded-2xl border border-line bg-card p-4 ${className}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {csv && <CsvButton {...csv} />}
      </div>
      {children}
    </section>
  );
}
