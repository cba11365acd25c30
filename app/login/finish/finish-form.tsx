"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { finishSignUpAction, type AuthFormState } from "@/server/auth/actions";

export function FinishSignUpForm(props: { token: string; name: string; email: string; redirectTo: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(finishSignUpAction, {});
  return (
    <form action={action} className="space-y-4">
      <h1 className="text-xl font-bold">Finish creating your account</h1>
      <p className="text-sm text-muted">
        Welcome, {props.name}. Your account signs in as <strong className="text-ink">{props.email}</strong> with the password you
        chose.
      </p>
      <FormError message={state.formError} />
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="redirectTo" value={props.redirectTo} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create my account"}
      </Button>
      {state.formError && (
        <a href="/login" className="block text-center text-sm text-accent-strong underline">
          Go to sign in
        </a>
      )}
    </form>
  );
}
