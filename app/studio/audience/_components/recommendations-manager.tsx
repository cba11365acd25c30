"use client";
// The creators this creator recommends (shown on their page, on the welcome step after someone
// joins, and in the welcome email): add one by handle with a line saying why, edit the line, put
// them in order, remove one. Beside each, the clicks and joins it brought; below, the creators
// who recommend this one and what each of those brought.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError } from "@/app/_lib/trpc-errors";
import { RECOMMENDATION_REASON_MAX } from "@/lib/schemas/discovery";

type Stats = { clicks: number; freeJoins: number; paidJoins: number };

function Brought({ stats }: { stats: Stats }) {
  const joins = stats.freeJoins + stats.paidJoins;
  return (
    <span className="text-sm text-muted">
      {stats.clicks.toLocaleString("en")} {stats.clicks === 1 ? "click" : "clicks"} · {joins.toLocaleString("en")} {joins === 1 ? "join" : "joins"}
      {stats.paidJoins > 0 && ` (${stats.paidJoins.toLocaleString("en")} paid)`}
    </span>
  );
}

function ReasonEditor({ id, reason, name }: { id: string; reason: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(reason);
  const save = useMutation(
    trpc.discovery.updateRecommendation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.discovery.recommendations.queryKey() }),
    }),
  );
  const error = save.error ? uiError(save.error) : null;
  const changed = value.trim() !== reason;
  return (
    <form
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) save.mutate({ id, reason: value });
      }}
    >
      <div className="min-w-0 flex-1">
        <Field
          label={`Why you recommend ${name}`}
          value={value}
          maxLength={RECOMMENDATION_REASON_MAX}
          onChange={(event) => setValue(event.target.value)}
          error={fieldError(error, "reason") ?? (error && !error.field ? error.message : null)}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={!changed || save.isPending}>
        {save.isPending ? "Saving…" : changed ? "Save" : "Saved"}
      </Button>
    </form>
  );
}

export function RecommendationsManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.discovery.recommendations.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.discovery.recommendations.queryKey() });
  const [handle, setHandle] = useState("");
  const [reason, setReason] = useState("");
  const add = useMutation(
    trpc.discovery.recommend.mutationOptions({
      onSuccess: () => {
        setHandle("");
        setReason("");
        return refresh();
      },
    }),
  );
  const remove = useMutation(trpc.discovery.removeRecommendation.mutationOptions({ onSuccess: refresh }));
  const reorder = useMutation(trpc.discovery.reorderRecommendations.mutationOptions({ onSettled: refresh }));
  const addError = add.error ? uiError(add.error) : null;
  const changeError = remove.error ?? reorder.error;

  const mine = list.data?.mine ?? [];
  const full = list.data ? mine.length >= list.data.max : false;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!add.isPending) add.mutate({ handle, reason });
  }

  function move(index: number, by: -1 | 1) {
    const ids = mine.map((card) => card.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate({ ids });
  }

  return (
    <section aria-labelledby="recommendations" className="mt-12">
      <h2 id="recommendations" className="text-lg font-semibold">
        Recommendations
      </h2>
      <p className="mt-1 text-sm text-muted">
        Creators you recommend appear on your page, on the welcome step after someone joins you, and in their welcome email. Both of you see
        the clicks and joins each recommendation brings.
      </p>
      {list.isError && <FormError message={uiError(list.error).message} />}
      <form onSubmit={submit} className="mt-4 grid gap-3 rounded-2xl border border-line bg-card p-4 sm:grid-cols-[12rem_1fr_auto] sm:items-start" aria-label="Recommend a creator">
        <Field
          label="Creator's handle"
          placeholder="@handle"
          value={handle}
          onChange={(event) => setHandle(event.target.value)}
          error={fieldError(addError, "handle")}
          disabled={full}
        />
        <Field
          label="Why (one line, optional)"
          value={reason}
          maxLength={RECOMMENDATION_REASON_MAX}
          onChange={(event) => setReason(event.target.value)}
          error={fieldError(addError, "reason")}
          hint={full ? `You recommend ${list.data?.max} creators, the most there can be: remove one to add another.` : undefined}
          disabled={full}
        />
        <Button type="submit" className="sm:mt-6" disabled={full || add.isPending || handle.trim() === ""}>
          {add.isPending ? "Adding…" : "Recommend"}
        </Button>
        {addError && !addError.field && Object.keys(addError.fieldErrors).length === 0 && <FormError message={addError.message} />}
      </form>
      {changeError && <FormError message={uiError(changeError).message} />}
      {list.isPending ? (
        <p className="mt-4 text-muted" role="status">
          Loading recommendations…
        </p>
      ) : mine.length === 0 ? (
        <p className="mt-4 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          You recommend nobody yet. Recommend creators your fans would like: it is how fans find new creators, and creators you recommend
          often recommend you back.
        </p>
      ) : (
        <ol className="mt-4 divide-y divide-line rounded-2xl border border-line bg-card" aria-label="Creators you recommend">
          {mine.map((card, index) => (
            <li key={card.id} className="px-4 py-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  <a href={`/${card.creator.handle}`} className="font-semibold hover:underline">
                    {card.creator.displayName}
                  </a>{" "}
                  <span className="text-sm text-muted">@{card.creator.handle}</span>
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <Brought stats={card} />
                  <Button
                    variant="secondary"
                    className="px-2 py-1"
                    aria-label={`Move ${card.creator.displayName} up`}
                    disabled={index === 0 || reorder.isPending}
                    onClick={() => move(index, -1)}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="secondary"
                    className="px-2 py-1"
                    aria-label={`Move ${card.creator.displayName} down`}
                    disabled={index === mine.length - 1 || reorder.isPending}
                    onClick={() => move(index, 1)}
                  >
                    ↓
                  </Button>
                  <Button variant="secondary" className="px-2 py-1" disabled={remove.isPending} onClick={() => remove.mutate({ id: card.id })}>
                    Remove<span className="sr-only"> {card.creator.displayName}</span>
                  </Button>
                </span>
              </div>
              <ReasonEditor id={card.id} reason={card.reason} name={card.creator.displayName} />
            </li>
          ))}
        </ol>
      )}
      <h3 className="mt-8 font-semibold">Recommending you</h3>
      {list.data && list.data.ofMe.length === 0 ? (
        <p className="mt-2 text-sm text-muted">No creator recommends you yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-line rounded-2xl border border-line bg-card" aria-label="Creators who recommend you">
          {(list.data?.ofMe ?? []).map((card) => (
            <li key={card.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <span>
                <a href={`/${card.creator.handle}`} className="font-semibold hover:underline">
                  {card.creator.displayName}
                </a>
                {card.reason && <span className="ml-2 text-sm text-muted">“{card.reason}”</span>}
              </span>
              <Brought stats={card} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
