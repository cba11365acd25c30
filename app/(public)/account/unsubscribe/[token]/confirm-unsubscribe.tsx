"use client";
// The one button of an unsubscribe link's page: the change happens on this click, never on
// opening the link (mail scanners open links by themselves).
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button, buttonClass } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";

type Creator = { handle: string; displayName: string };

export function ConfirmUnsubscribe({ token, creator }: { token: string; creator: Creator }) {
  const trpc = useTRPC();
  const unsubscribe = useMutation(trpc.membership.emails.unsubscribe.mutationOptions());

  if (unsubscribe.isSuccess) {
    return (
      <div role="status">
        <h1 id="unsubscribe-heading" className="font-serif text-3xl font-bold">
          You are unsubscribed
        </h1>
        <p className="mt-4 text-lg">
          You will no longer get an email when <strong>{creator.displayName}</strong> publishes a post.
        </p>
        <p className="mt-2 text-muted">Your membership is unchanged. You can turn these emails back on from your memberships page.</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/account/memberships" className={buttonClass("primary")}>
            Manage your memberships
          </Link>
          <Link href={`/${creator.handle}`} className={buttonClass("secondary")}>
            Visit {creator.displayName}
          </Link>
        </div>
      </div>
    );
  }

  return (
    <>
      <h1 id="unsubscribe-heading" className="font-serif text-3xl font-bold">
        Stop emails from {creator.displayName}?
      </h1>
      <p className="mt-4 text-lg">
        You will no longer get an email when <strong>{creator.displayName}</strong> publishes a post. Your membership stays as it is.
      </p>
      <div className="mt-4">
        <FormError message={unsubscribe.error ? uiError(unsubscribe.error).message : null} />
      </div>
      <div className="mt-8 flex flex-wrap gap-3">
        <Button onClick={() => unsubscribe.mutate({ token })} disabled={unsubscribe.isPending}>
          {unsubscribe.isPending ? "Unsubscribing…" : "Unsubscribe"}
        </Button>
        <Link href={`/${creator.handle}`} className={buttonClass("secondary")}>
          Keep getting emails
        </Link>
      </div>
    </>
  );
}
