import { BACKUP_SETS_EMPTY } from "@/lib/recovery/surface-copy";

export function BackupSetsEmptyState() {
  return (
    <section
      aria-labelledby="backup-sets-empty-title"
      className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
    >
      <h2 id="backup-sets-empty-title" className="text-lg font-semibold text-slate-900">
        {BACKUP_SETS_EMPTY.title}
      </h2>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-700">{BACKUP_SETS_EMPTY.body}</p>
    </section>
  );
}
