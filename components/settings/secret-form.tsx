"use client";

import { useActionState } from "react";
import { buttonLinkClass } from "@/components/ui/styles";

export interface SecretResult {
  secret: string | null;
  error: string | null;
}

/**
 * A create form whose action returns a secret: the secret is shown here once, after the submit, and is
 * never rendered again (a reload shows the list without it).
 */
export function SecretForm({
  action,
  submitLabel,
  secretLabel,
  children,
}: {
  action: (prev: SecretResult, form: FormData) => Promise<SecretResult>;
  submitLabel: string;
  secretLabel: string;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, { secret: null, error: null });
  return (
    <form action={formAction} className="space-y-3">
      {children}
      <button type="submit" className={buttonLinkClass} disabled={pending}>
        {submitLabel}
      </button>
      {state.error ? (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      {state.secret ? (
        <div role="status" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-slate-900">
          <p className="font-semibold">{secretLabel}</p>
          <p>Copy it now: it is shown only this once and cannot be read again.</p>
          <code aria-label={secretLabel} className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs">
            {state.secret}
          </code>
        </div>
      ) : null}
    </form>
  );
}
