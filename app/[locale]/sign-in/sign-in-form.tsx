"use client";

import { useActionState, useEffect, useRef } from "react";
import type { SignInState } from "@/lib/forms/state";
import { signInAction } from "./actions";

export interface SignInLabels {
  email: string;
  password: string;
  submit: string;
  errorTitle: string;
  invalid: string;
  throttled: string;
  unavailable: string;
}

export function SignInForm({ labels, callbackUrl }: { labels: SignInLabels; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.error) summary.current?.focus();
  }, [state]);
  return (
    <form action={formAction} className="max-w-md space-y-5" noValidate>
      {state.error ? (
        <div ref={summary} tabIndex={-1} role="alert" aria-labelledby="sign-in-error-title" className="border-4 border-red-700 p-4">
          <h2 id="sign-in-error-title" className="text-lg font-bold">
            {labels.errorTitle}
          </h2>
          <p>{labels[state.error]}</p>
        </div>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div className="space-y-1">
        <label htmlFor="email" className="block font-bold">
          {labels.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          className="w-full rounded border-2 border-ink px-3 py-2"
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block font-bold">
          {labels.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="w-full rounded border-2 border-ink px-3 py-2"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand-700 px-5 py-2 font-bold text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {labels.submit}
      </button>
    </form>
  );
}
