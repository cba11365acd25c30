import type { ReactNode } from "react";

export type Tone = "ok" | "warn" | "problem" | "off";

const TONES: Record<Tone, { dot: string; text: string }> = {
  ok: { dot: "bg-ok", text: "text-ok" },
  warn: { dot: "bg-warn", text: "text-warn" },
  problem: { dot: "bg-danger", text: "text-danger" },
  off: { dot: "bg-faint", text: "text-muted" },
};

/** A coloured dot and the words for it: the colour repeats what the words say, never replaces them. */
export function StatusLabel({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1.5 text-sm font-semibold ${TONES[tone].text}`}>
      <span aria-hidden className={`size-2 rounded-full ${TONES[tone].dot}`} />
      {children}
    </span>
  );
}

/** One part of the instance: its name, how it is, and the figures behind that. */
export function StatusCard({ title, tone, status, children }: { title: string; tone: Tone; status: string; children?: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-2xl border border-line bg-card p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        <StatusLabel tone={tone}>{status}</StatusLabel>
      </div>
      {children && <dl className="mt-3 space-y-1.5 text-sm">{children}</dl>}
    </section>
  );
}

export function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-3">
      <dt className="text-muted">{label}</dt>
      <dd className="min-w-0 text-right font-medium tabular-nums [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}
