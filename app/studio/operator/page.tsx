// The instance operator's health page. To anyone else it does not exist: the same 404 as every
// unknown address, so nobody learns that it is here or that they are not allowed.
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { LocalTime } from "@/app/_components/local-time";
import { getViewer } from "@/server/auth/viewer";
import { caller } from "@/server/trpc/server";
import { EmailFailures } from "./_components/email-failures";
import { FailedJobs, type FailedJobView } from "./_components/failed-jobs";
import { formatSpan } from "./_components/format";
import { HealthCards } from "./_components/health-cards";
import { JobQueues } from "./_components/job-queues";

export const metadata = { title: "Operator" };

/** Enough of a job's data to tell which post or member it was for. */
function shortJson(data: unknown): string {
  const text = JSON.stringify(data) ?? "";
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export default async function OperatorPage() {
  if (!(await getViewer())) notFound();
  const overview = await caller.operations.overview().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { instance } = overview;
  const failedJobs: FailedJobView[] = overview.jobs.ok
    ? overview.jobs.value.failed.map((job) => ({ ...job, data: shortJson(job.data) }))
    : [];
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-5 sm:py-10">
      <h1 className="text-2xl font-bold">Instance health</h1>
      <p className="mt-1 text-sm text-muted">
        Atelier {instance.version}
        {instance.commit && (
          <>
            {" "}
            (<code>{instance.commit}</code>)
          </>
        )}{" "}
        · Node {instance.node} · up {formatSpan(instance.uptimeSeconds)}, since <LocalTime date={instance.startedAt} withTime />
      </p>
      <div className="mt-6">
        <HealthCards overview={overview} />
      </div>
      {overview.jobs.ok ? (
        <>
          <JobQueues engine={overview.jobs.value.engine} queues={overview.jobs.value.queues} />
          <FailedJobs jobs={failedJobs} />
        </>
      ) : (
        <p className="mt-10 text-danger">{overview.jobs.problem}</p>
      )}
      {overview.email.ok && <EmailFailures failures={overview.email.value.recentFailures} />}
    </main>
  );
}
