"use client";

/** Any failure while loading (the database unreachable included) lands here: an error that makes no claim. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Evidence could not be loaded</h1>
      <p role="alert" className="mt-2 text-slate-700">
        The data behind this page could not be read, so nothing can be said about backup or restore evidence
        right now. This is not a sign that anything is fine or broken — it is unknown.
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded border border-slate-300 px-3 py-1">
        Try again
      </button>
    </main>
  );
}
