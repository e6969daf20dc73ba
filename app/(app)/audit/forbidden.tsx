"use client";

// A client component (issue 14, page weight; decision 0021): every page carries its layouts' boundary
// pages, and as client references they are a few bytes of RSC data instead of their whole element tree.
import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** 403 for /audit: only owners read the audit log. */
export default function AuditForbidden() {
  return (
    <div className="max-w-xl py-10">
      <h1 className="text-2xl font-semibold">The audit log is for owners</h1>
      <p className="mt-2 text-slate-700">Only an owner of a tenant may read its audit log. Ask an owner of your tenant.</p>
      <p className="mt-2 text-slate-700">Error 403: this page is forbidden for your role.</p>
      <Link href="/dashboard" className={`mt-4 inline-block ${linkClass}`}>
        Back to the dashboard
      </Link>
    </div>
  );
}
