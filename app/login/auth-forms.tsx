"use client";

import { useActionState, useState } from "react";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { magicLinkAction, oauthSignInAction, signInAction, signUpAction, type AuthFormState } from "@/server/auth/actions";

type Mode = "signin" | "signup" | "magic";

export function AuthForms(props: {
  initialMode: "signin" | "signup";
  redirectTo: string;
  oauth: { id: string; name: string }[];
  error: string | null;
}) {
  const [mode, setMode] = useState<Mode>(props.initialMode);
  return (
    <div className="rounded-2xl border border-line bg-card p-6 shadow-sm sm:p-8">
      <div role="tablist" aria-label="Sign in or create an account" className="mb-6 grid grid-cols-2 rounded-lg bg-paper p-1">
        {(["signin", "signup"] as const).map((tab) => (
          <button
            key={tab}
            role="tab"
            type="button"
            aria-selected={mode === tab || (tab === "signin" && mode === "magic")}
            onClick={() => setMode(tab)}
            className={`rounded-md px-3 py-2 text-sm font-semibold ${
              mode === tab || (tab === "signin" && mode === "magic") ? "bg-card text-ink shadow-sm" : "text-muted"
            }`}
          >
            {tab === "signin" ? "Sign in" : "Create account"}
          </button>
        ))}
      </div>
      <FormError message={props.error} />
      {mode === "signup" ? (
        <SignUpForm redirectTo={props.redirectTo} />
      ) : mode === "magic" ? (
        <MagicLinkForm redirectTo={props.redirectTo} onBack={() => setMode("signin")} />
      ) : (
        <SignInForm redirectTo={props.redirectTo} onMagic={() => setMode("magic")} />
      )}
      {props.oauth.length > 0 && (
        <div className="mt-6 space-y-2 border-t border-line pt-6">
          {props.oauth.map((provider) => (
            <form key={provider.id} action={oauthSignInAction}>
              <input type="hidden" name="provider" value={provider.id} />
              <input type="hidden" name="redirectTo" value={props.redirectTo} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {provider.name}
              </Button>
            </form>
          ))}
        </div>
      )}
    </div>
  );
}

function SignInForm({ redirectTo, onMagic }: { redirectTo: string; onMagic: () => void }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <h1 className="text-xl font-bold">Welcome back</h1>
      <FormError message={state.formError} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <button type="button" onClick={onMagic} className="w-full text-center text-sm text-accent-strong underline-offset-2 hover:underline">
        Email me a sign-in link instead
      </button>
    </form>
  );
}

function Notice({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="status" className="rounded-lg border border-ok/30 bg-ok/5 px-3 py-2 text-sm text-ok">
      {message}
    </p>
  );
}

function SignUpForm({ redirectTo }: { redirectTo: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <h1 className="text-xl font-bold">Create your account</h1>
      <FormError message={state.formError} />
      <Notice message={state.notice} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.password}
        hint="At least 10 characters. A short sentence works well."
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}

function MagicLinkForm({ redirectTo, onBack }: { redirectTo: string; onBack: () => void }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(magicLinkAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <h1 className="text-xl font-bold">Sign in with an email link</h1>
      <p className="text-sm text-muted">No password needed: we email you a link that signs you in.</p>
      <FormError message={state.formError} />
      <Notice message={state.notice} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </Button>
      <button type="button" onClick={onBack} className="w-full text-center text-sm text-muted hover:text-ink">
        Back to password sign-in
      </button>
    </form>
  );
}
