import Link from "next/link";
import { FORBIDDEN_CODE_LINE, RESTORE_HISTORY_FORBIDDEN } from "@/lib/recovery/surface-copy";
import { linkClass } from "./styles";

/** The 403 page body: what is not allowed, why, and who can help. Makes no claim about the evidence. */
export function AccessDenied() {
  return (
    <div className="max-w-xl py-10">
      <h1 className="text-2xl font-semibold">{RESTORE_HISTORY_FORBIDDEN.title}</h1>
      <p className="mt-2 text-slate-700">{RESTORE_HISTORY_FORBIDDEN.body}</p>
      <p className="mt-2 text-slate-700">{FORBIDDEN_CODE_LINE}</p>
      <Link href="/dashboard" className={`mt-4 inline-block ${linkClass}`}>
        Back to the dashboard
      </Link>
    </div>
  );
}
