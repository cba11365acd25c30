"use client";
// Whether this fan gets an email when the creator publishes: saved as soon as it is changed.

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { SettingToggle } from "@/app/_components/setting-toggle";
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
      <SettingToggle
        label="Email me new posts"
        description={on ? `You get an email when ${creatorName} publishes.` : `Emails from ${creatorName} are off.`}
        checked={on}
        pending={save.isPending}
        onChange={(enabled) => {
          setOn(enabled);
          save.mutate({ creatorId, enabled });
        }}
        savedMessage={save.isSuccess ? (on ? "Emails turned on." : "Emails turned off.") : ""}
        error={save.error ? uiError(save.error).message : null}
      />
    </div>
  );
}
