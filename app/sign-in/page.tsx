import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getViewer } from "@/server/auth/viewer";
import { safeReturnPath } from "@/lib/navigation";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Sign-in returns to the requested page (`?next=`, same-origin relative paths only), else to `/`. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).next;
  const next = safeReturnPath(typeof raw === "string" ? raw : null) ?? "/";
  if (await getViewer()) redirect(next);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-1 text-2xl font-semibold">Recovery Posture</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to review your tenants&apos; backup and restore evidence.</p>
      <SignInForm next={next} />
    </main>
  );
}
