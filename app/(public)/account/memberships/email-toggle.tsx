"use client";
// Whether this fan gets an email when the creator publishes: saved as soon as it is changed.

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

export function EmailToggle({ creatorId, creatorName, initiallyOn }: { creatorId: string; creatorName: string; initiallyOn: boolean }) {
  const trpc = useTRPC();
  const [on, setOn] = useState(initiallyOn);
  const save = useMutation(
    trpc.membership.emails.setCreatorEmails.mutationOptions({
      onSuccess: (result) => setOn(result.enabled),
      // The box shows what is stored: a refused change snaps back.
      onError: (_error, variables) => setOn(!variables.enabled),
    }),
  );
  return (
    <div className="mt-4 border-t border-line pt-4">
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          checked={on}
          disabled={save.isPending}
          onChange={(event) => {
            setOn(event.target.checked);
            save.mutate({ creatorId, enabled: event.target.checked });
          }}
          className="mt-0.5 size-4 accent-accent"
        />
        <span>
          <span className="block font-medium">Email me new posts</span>
          <span className="block text-muted">
            {on ? `You get an email when ${creatorName} publishes.` : `Emails from ${creatorName} are off.`}
          </span>
        </span>
      </label>
      <p role="status" className="sr-only">
        {save.isSuccess ? (on ? "Emails turned on." : "Emails turned off.") : ""}
      </p>
      <FormError message={save.error ? uiError(save.error).message : null} />
    </div>
  );
}
