"use client";
// Publish as a decision: before anything goes out, who will be able to read the post (its access
// and tiers, in words, and how many members that is), what the others see, and whether members
// are emailed and how many, with the email's switch right there; or schedule it instead. A public
// post with a paywall break stops here, with the two ways out (the server refuses it anyway).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { formatInstant, useDisplayZone } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError, type UiError } from "@/app/_lib/trpc-errors";
import type { PostReach } from "@/server/services/posts/reach";
import { whoReads } from "./audience";
import { EditorDialog } from "./editor-dialog";

function members(n: number): string {
  return `${n.toLocaleString("en")} member${n === 1 ? "" : "s"}`;
}

const TEASER_WORDS: Record<NonNullable<PostReach["teaser"]>, string> = {
  above_break: "the part above the paywall break",
  preview_text: "your preview text",
  title_only: "only the title",
};

function WhoCanRead({ reach, onChooseAccess }: { reach: PostReach; onChooseAccess: () => void }) {
  const zone = useDisplayZone();
  const { total, canRead } = reach.members;
  return (
    <section aria-labelledby="publish-readers" className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <h3 id="publish-readers" className="text-sm font-semibold">
          Who can read it
        </h3>
        <button type="button" onClick={onChooseAccess} className="text-sm font-medium text-accent-strong underline-offset-2 hover:underline">
          Change
        </button>
      </div>
      <p>
        {reach.access === "public" ? (
          <>Everyone, members or not, can read the whole post.</>
        ) : (
          <>
            {whoReads(reach)} can read the whole post
            {total > 0 &&
              (reach.access !== "members" ? (
                <> — {canRead} of your {members(total)} today</>
              ) : (
                <> — {total === 1 ? "your 1 member" : `all ${members(total)}`} today</>
              ))}
            .
          </>
        )}
      </p>
      {reach.teaser && (
        <p className="text-sm text-muted">
          Everyone else sees {TEASER_WORDS[reach.teaser]} and an invitation to join.
          {reach.access === "early_access" && reach.publicAt && <> From {formatInstant(reach.publicAt, { withTime: true, timeZone: zone })} everyone can read it.</>}
        </p>
      )}
    </section>
  );
}

function EmailChoice({ reach, email, onEmail }: { reach: PostReach; email: boolean; onEmail: (on: boolean) => void }) {
  const { recipients, fullPost, optedOut, reason } = reach.email;
  const checkboxId = useId();
  let body;
  if (reason === "already_published") {
    body = <p>No email: members were emailed when it was first published, and publishing it again sends none.</p>;
  } else if (recipients === 0) {
    body = <p>No email: {reach.members.total === 0 ? "you have no members yet." : "every member turned your emails off."}</p>;
  } else {
    const partial = recipients - fullPost;
    body = (
      <>
        <label htmlFor={checkboxId} className="flex items-start gap-2">
          <input id={checkboxId} type="checkbox" checked={email} onChange={(event) => onEmail(event.target.checked)} className="mt-1 size-4 accent-accent" />
          <span>Email it to {members(recipients)} now</span>
        </label>
        <p className="text-sm text-muted">
          {email
            ? partial > 0 && reach.access !== "public"
              ? `${fullPost} ${fullPost === 1 ? "gets" : "get"} the whole post; ${partial} ${partial === 1 ? "gets" : "get"} what they can read and an invitation to join.`
              : "Each gets the whole post."
            : "No one is emailed. An email cannot be sent later for this post."}
          {optedOut > 0 && ` ${members(optedOut)} turned your emails off.`}
        </p>
      </>
    );
  }
  return (
    <section aria-labelledby="publish-email" className="space-y-1.5">
      <h3 id="publish-email" className="text-sm font-semibold">
        Email
      </h3>
      {body}
    </section>
  );
}

function Blocked({ message, onChooseAccess, onRemoveBreak }: { message: string; onChooseAccess: () => void; onRemoveBreak: () => void }) {
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-danger/30 bg-danger/5 px-4 py-3">
      <p className="font-semibold text-danger">This post cannot be published yet</p>
      <p className="text-sm">{message}</p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={onChooseAccess}>Choose who can read it</Button>
        <Button variant="secondary" onClick={onRemoveBreak}>
          Remove the break
        </Button>
      </div>
    </div>
  );
}

export function PublishDialog({
  postId,
  title,
  onPublish,
  onSchedule,
  onChooseAccess,
  onRemoveBreak,
  onEmailChanged,
  onClose,
}: {
  postId: string;
  title: string;
  /** Publishes; resolves with the refusal to show, or null once published. */
  onPublish: () => Promise<UiError | null>;
  onSchedule: () => void;
  onChooseAccess: () => void;
  /** Takes the break out of the text and saves it. */
  onRemoveBreak: () => Promise<void>;
  /** The post's "email members" setting was changed here. */
  onEmailChanged: (on: boolean) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Always fresh: members join and leave, and the access may have just changed.
  const reach = useQuery({ ...trpc.post.reach.queryOptions({ id: postId }), staleTime: 0, gcTime: 0 });
  const settings = useMutation(trpc.post.settings.mutationOptions());
  const [email, setEmail] = useState<boolean | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);

  const data = reach.data;
  const emailOn = email ?? data?.email.reason === "first_publish";

  async function publish() {
    if (!data) return;
    setBusy(true);
    setError(null);
    try {
      const stored = data.email.reason === "first_publish";
      if (data.email.reason !== "already_published" && data.email.recipients > 0 && emailOn !== stored) {
        await settings.mutateAsync({ id: postId, notifyMembers: emailOn });
        onEmailChanged(emailOn);
      }
      const refusal = await onPublish();
      if (refusal) setError(refusal);
    } catch (caught) {
      setError(uiError(caught));
    } finally {
      setBusy(false);
      void queryClient.invalidateQueries({ queryKey: trpc.post.reach.queryKey({ id: postId }) });
    }
  }

  return (
    <EditorDialog title={`Publish “${title.trim() || "Untitled"}”?`} description="Check who it reaches before it goes out." onClose={onClose} size="narrow">
      {reach.isPending ? (
        <p role="status" className="text-sm text-muted">
          Counting your readers…
        </p>
      ) : reach.isError || !data ? (
        <FormError message={uiError(reach.error).message} />
      ) : (
        <div className="space-y-5">
          {data.blocked ? (
            <Blocked
              message={data.blocked}
              onChooseAccess={onChooseAccess}
              onRemoveBreak={() => void onRemoveBreak().then(() => reach.refetch())}
            />
          ) : (
            <>
              <WhoCanRead reach={data} onChooseAccess={onChooseAccess} />
              <EmailChoice reach={data} email={emailOn} onEmail={setEmail} />
            </>
          )}
          <FormError message={error?.message} />
          <div className="flex flex-col-reverse gap-2 border-t border-line pt-4 sm:flex-row sm:items-center sm:justify-end">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            {/* Scheduling it would be refused for the same reason. */}
            {!data.blocked && (
              <Button variant="secondary" onClick={onSchedule}>
                Schedule instead…
              </Button>
            )}
            <Button onClick={() => void publish()} disabled={busy || data.blocked !== null}>
              {busy ? "Publishing…" : "Publish now"}
            </Button>
          </div>
        </div>
      )}
    </EditorDialog>
  );
}
