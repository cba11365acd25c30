"use client";
// A fan's choice to have pages for adults listed in explore and search: saved as soon as it changes.

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { SettingToggle } from "@/app/_components/setting-toggle";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

export function AdultPagesToggle({ initiallyOn }: { initiallyOn: boolean }) {
  const trpc = useTRPC();
  const [on, setOn] = useState(initiallyOn);
  const save = useMutation(
    trpc.discovery.setShowAdultPages.mutationOptions({
      onSuccess: (result) => setOn(result.show),
      // The box shows what is stored: a refused change snaps back.
      onError: (_error, variables) => setOn(!variables.show),
    }),
  );
  return (
    <div className="mt-3">
      <SettingToggle
        label="Show pages for adults in explore and search — I am 18 or older"
        description={
          on
            ? "Pages their creators marked for adults only are listed to you in explore, search and your home page's suggestions."
            : "Pages their creators marked for adults only are left out of explore, search and your home page's suggestions. Those you follow or belong to still appear in your feed."
        }
        checked={on}
        pending={save.isPending}
        onChange={(show) => {
          setOn(show);
          save.mutate({ show });
        }}
        savedMessage={save.isSuccess ? (on ? "Pages for adults are shown." : "Pages for adults are hidden.") : ""}
        error={save.error ? uiError(save.error).message : null}
      />
    </div>
  );
}
