"use client";

// A client component (issue 14, page weight; decision 0021): every page carries its layouts' boundary
// pages, and as client references they are a few bytes of RSC data instead of their whole element tree.
import { AccessDenied } from "@/components/ui/access-denied";

/** 403 inside the signed-in shell (its layout provides the header and <main>). */
export default function Forbidden() {
  return <AccessDenied />;
}
