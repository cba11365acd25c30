"use client";
// Joining free without an account: an email is enough. We send a sign-in link (which creates the
// account on first use) that brings the visitor back here with this tier picked, one click from
// joining. Signing in without proving the address would let anyone act as anyone's email.

import { useActionState } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { magicLinkAction, type AuthFormState } from "@/server/auth/actions";

/** `carried`: the recommendation the fan came by, as `&rec=…` (or empty), kept through sign-in. */
export function EmailJoinForm({ tierId, tierName, handle, carried }: { tierId: string; tierName: string; handle: string; carried: string }) {
  const back = `/${handle}/join?tier=${encodeURIComponent(tierId)}${carried}`;
  const [state, action, pending] = useActionState<AuthFormState, FormData>(magicLinkAction, {});
  if (state.notice) {
    return (
      <p role="status" className="rounded-lg bg-ok/10 px-3 py-2 text-sm">
        {state.notice} Open it to finish joining {tierName}.
      </p>
    );
  }
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="redirectTo" value={back} />
      <FormError message={state.formError} />
      <Field label="Your email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : `Join ${tierName} for free`}
      </Button>
      <p className="text-xs text-muted">
        Have an account? <a className="underline" href={`/login?callbackUrl=${encodeURIComponent(back)}`}>Sign in</a>
      </p>
    </form>
  );
}
