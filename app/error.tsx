"use client";

import { EVIDENCE_UNAVAILABLE } from "@/lib/recovery/surface-copy";

/** Any failure while loading (the database unreachable included) lands here: an error that makes no claim. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{EVIDENCE_UNAVAILABLE.title}</h1>
      <p role="alert" className="mt-2 text-slate-700">
        {EVIDENCE_UNAVAILABLE.body}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded border border-slate-300 px-3 py-1">
        {EVIDENCE_UNAVAILABLE.retry}
      </button>
    </main>
  );
}
