"use client";
// The zone the creator's days are cut in. Offered as the browser's own zone when it differs.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

const noChanges = () => () => {};
const NO_ZONES: string[] = [];
let zoneList: string[] | null = null;
/** The same array every time: the store's snapshot must not change between reads. */
function allZones(): string[] {
  zoneList ??= Intl.supportedValuesOf("timeZone");
  return zoneList;
}

export function TimeZoneControl({ zone }: { zone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  // The browser's zone and list, read once in the browser (none on the server, nor while hydrating).
  const browserZone = useSyncExternalStore(noChanges, () => Intl.DateTimeFormat().resolvedOptions().timeZone, () => null);
  const zones = useSyncExternalStore(noChanges, allZones, () => NO_ZONES);
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState(zone);
  const save = useMutation(
    trpc.analytics.setTimeZone.mutationOptions({
      onSuccess: async () => {
        setEditing(false);
        await queryClient.invalidateQueries({ queryKey: trpc.analytics.pathKey() });
        router.refresh();
      },
    }),
  );
  return (
    <div className="text-sm text-muted">
      {!editing ? (
        <p>
          Days in <span className="font-medium text-ink">{zone}</span>.{" "}
          {browserZone && browserZone !== zone && (
            <button type="button" className="font-medium text-accent-strong underline" onClick={() => save.mutate({ timeZone: browserZone })} disabled={save.isPending}>
              Use {browserZone}
            </button>
          )}{" "}
          <button type="button" className="underline" onClick={() => setEditing(true)}>
            Change
          </button>
        </p>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ timeZone: picked });
          }}
        >
          <label className="flex flex-col">
            <span className="font-medium text-ink">Time zone for your days</span>
            <select value={picked} onChange={(e) => setPicked(e.target.value)} className="rounded-lg border border-line bg-card px-2 py-1 text-ink">
              {(zones.includes(zone) ? zones : [zone, ...zones]).map((z) => (
                <option key={z}>{z}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={save.isPending} className="rounded-full bg-ink px-3 py-1 font-medium text-white">
            {save.isPending ? "Saving…" : "Save"}
          </button>
          <button type="button" onClick={() => setEditing(false)} className="underline">
            Cancel
          </button>
          <p className="w-full">Days already counted keep the zone they were counted in.</p>
        </form>
      )}
      {save.isError && <FormError message={uiError(save.error).message} />}
    </div>
  );
}
