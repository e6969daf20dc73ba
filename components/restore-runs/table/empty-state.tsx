import Link from "next/link";
import { linkClass } from "@/components/ui/styles";

/** What an empty page of the list means, and the one useful next step. Never a calm claim. */
export function RestoreRunsEmptyState({
  title,
  body,
  action,
}: {
  title: string;
  body: string;
  action?: { label: string; href: string } | null;
}) {
  return (
    <section
      aria-labelledby="restore-runs-empty-title"
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <h2 id="restore-runs-empty-title" className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-700">{body}</p>
      {action ? (
        <p className="mt-4 text-sm">
          <Link href={action.href} className={linkClass}>
            {action.label}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
