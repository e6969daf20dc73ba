import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getViewer } from "@/server/auth/viewer";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getViewer()) redirect("/");
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <h1 className="mb-1 text-2xl font-semibold">Recovery Posture</h1>
      <p className="mb-6 text-sm text-slate-600">Sign in to review your tenants&apos; backup and restore evidence.</p>
      <SignInForm />
    </main>
  );
}
