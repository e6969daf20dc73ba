"use client";

import Link from "next/link";

// Nothing calls unauthorized() (signed-out pages redirect to sign-in); this page replaces the framework's
// default one, whose inline styles every page otherwise carries in its RSC data (issue 14, page weight).
// A client component for the same reason as app/not-found.tsx.
export default function Unauthorized() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Sign in to continue</h1>
      <p className="mt-2 text-slate-700">This page needs a signed-in account.</p>
      <Link href="/sign-in" className="mt-4 inline-block link">
        Sign in
      </Link>
    </main>
  );
}
