// The latest new-post emails a mail server refused, by post: what to look into first.
import { LocalTime } from "@/app/_components/local-time";
import type { EmailFailure } from "@/server/services/operations/email";

export function EmailFailures({ failures }: { failures: EmailFailure[] }) {
  return (
    <section aria-labelledby="email-failures-heading" className="mt-10">
      <h2 id="email-failures-heading" className="text-lg font-semibold">
        Recent email failures
      </h2>
      <p className="mt-1 text-sm text-muted">Each failed email is tried again every few minutes, up to its attempts, for three days.</p>
      {failures.length === 0 ? (
        <p className="mt-3 rounded-2xl border border-dashed border-line bg-card p-6 text-center text-muted">No email has failed.</p>
      ) : (
        <ul className="mt-3 divide-y divide-line rounded-2xl border border-line bg-card">
          {failures.map((failure, index) => (
            <li key={`${failure.postId}-${index}`} className="space-y-1 px-4 py-3 sm:px-5">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <p className="font-medium [overflow-wrap:anywhere]">
                  {failure.postTitle} <span className="font-normal text-muted">by @{failure.creatorHandle}</span>
                </p>
                <p className="text-sm text-muted">
                  <LocalTime date={failure.at} withTime />
                </p>
              </div>
              <p className="text-sm text-danger [overflow-wrap:anywhere]">{failure.error ?? "No reason was recorded."}</p>
              <p className="text-xs text-muted">
                {failure.attempts} {failure.attempts === 1 ? "attempt" : "attempts"} ·{" "}
                {failure.attemptsLeft > 0 ? `${failure.attemptsLeft} left` : "given up"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
