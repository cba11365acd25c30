"use client";
// Jobs that failed for good, each with what it was for and why it failed: send it back to its
// queue, or drop it once the operator has dealt with its cause another way.

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

export type FailedJobView = {
  id: string;
  queue: string;
  /** The job's data as JSON, shortened: ids, never content. */
  data: string;
  error: string | null;
  attempts: number;
  failedAt: Date | null;
};

function FailedJobItem({ job, onDone }: { job: FailedJobView; onDone: (notice: string) => void }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const ref = { queue: job.queue, id: job.id };
  const retry = useMutation(trpc.operations.retryJob.mutationOptions({ onSuccess: () => onDone(`A ${job.queue} job went back to its queue.`) }));
  const discard = useMutation(trpc.operations.discardJob.mutationOptions({ onSuccess: () => onDone(`A ${job.queue} job was discarded.`) }));
  const busy = retry.isPending || discard.isPending;
  const error = retry.error ?? discard.error;
  return (
    <li className="space-y-3 px-4 py-4 sm:px-5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="font-mono text-sm font-semibold [overflow-wrap:anywhere]">{job.queue}</h3>
        <p className="text-sm text-muted">
          {job.failedAt ? <LocalTime date={job.failedAt} withTime /> : "Failed"} · {job.attempts} {job.attempts === 1 ? "attempt" : "attempts"}
        </p>
      </div>
      <p className="text-sm text-danger [overflow-wrap:anywhere]">{job.error ?? "No reason was recorded."}</p>
      <p className="text-xs text-muted">
        Data: <code className="[overflow-wrap:anywhere]">{job.data}</code>
      </p>
      <FormError message={error ? uiError(error).message : null} />
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium">Discard this job for good?</span>
          <Button variant="danger" disabled={busy} onClick={() => discard.mutate(ref)}>
            Discard
          </Button>
          <Button variant="ghost" disabled={busy} onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" disabled={busy} onClick={() => retry.mutate(ref)}>
            {retry.isPending ? "Retrying…" : "Retry"}
          </Button>
          <Button variant="ghost" disabled={busy} onClick={() => setConfirming(true)}>
            Discard…
          </Button>
        </div>
      )}
    </li>
  );
}

export function FailedJobs({ jobs }: { jobs: FailedJobView[] }) {
  const router = useRouter();
  const [notice, setNotice] = useState("");
  const done = (message: string) => {
    setNotice(message);
    router.refresh();
  };
  return (
    <section aria-labelledby="failed-jobs-heading" className="mt-10">
      <h2 id="failed-jobs-heading" className="text-lg font-semibold">
        Failed jobs
      </h2>
      <p role="status" className="mt-1 text-sm text-ok">
        {notice}
      </p>
      {jobs.length === 0 ? (
        <p className="mt-3 rounded-2xl border border-dashed border-line bg-card p-6 text-center text-muted">No job has failed for good.</p>
      ) : (
        <ul className="mt-3 divide-y divide-line rounded-2xl border border-line bg-card">
          {jobs.map((job) => (
            <FailedJobItem key={job.id} job={job} onDone={done} />
          ))}
        </ul>
      )}
    </section>
  );
}
