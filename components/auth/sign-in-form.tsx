"use client";

import { useState } from "react";

/** Posts to the auth library's HTTP endpoint, so its throttling applies to every attempt. */
export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: form.get("email"), password: form.get("password") }),
      });
      if (res.ok) {
        // "/" sends an operator of several tenants to the fleet, of one to the dashboard.
        window.location.assign("/");
        return;
      }
      if (res.status === 429) {
        const retry = Number(res.headers.get("x-retry-after") ?? res.headers.get("retry-after") ?? "");
        setError(
          `Too many sign-in attempts. Try again in ${Number.isFinite(retry) && retry > 0 ? `${retry} seconds` : "a minute"}.`,
        );
      } else if (res.status >= 500) {
        setError("Sign-in is unavailable right now. Try again shortly.");
      } else {
        setError("Invalid email or password.");
      }
    } catch {
      setError("Sign-in is unavailable right now. Try again shortly.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2" />
      </div>
      {error ? (
        <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>
      ) : null}
      <button type="submit" disabled={pending}
        className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
