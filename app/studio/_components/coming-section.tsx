import type { ReactNode } from "react";

/** The empty state of a studio section: what it will hold and what to do meanwhile. */
export function EmptySection({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <h1 className="text-2xl font-bold">{title}</h1>
      <div className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center">
        <div className="mx-auto max-w-md space-y-3 text-muted">{children}</div>
        {action && <div className="mt-6">{action}</div>}
      </div>
    </main>
  );
}
