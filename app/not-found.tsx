"use client";

// A client component (issue 14, page weight; decision 0021): every page carries its layouts' boundary
// pages, and as client references they are a few bytes of RSC data instead of their whole element tree.
import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing at this address for your account.</p>
      <Link href="/dashboard" className="mt-4 inline-block text-blue-700 underline">Back to the dashboard</Link>
    </main>
  );
}
