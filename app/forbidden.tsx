import { AccessDenied } from "@/components/ui/access-denied";

/** 403 (forbidden() with experimental.authInterrupts) outside the signed-in shell. */
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-6">
      <AccessDenied />
    </main>
  );
}
