import Link from "next/link";
import {
  createColumnHelper,
  metaHelper,
  rowSortingFeature,
  tableFeatures,
  type CellData,
  type HeaderContext,
} from "@tanstack/react-table";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { linkClass } from "@/components/ui/styles";
import { LATEST_RELEVANT_RUN_MARKER } from "@/lib/recovery/surface-copy";
import type { RestoreRunSortKey } from "@/lib/search-params/restore-runs";
import type { RestoreRunRowView } from "../row-view";

/** The sortable columns are exactly the list's sort keys (lib/search-params/restore-runs.ts). */
export type SortableColumnId = RestoreRunSortKey;

export interface RestoreRunsTableMeta {
  /** Where each sortable header links (the server-side sort, first page). Absent: not sortable now. */
  sortHrefs: Partial<Record<SortableColumnId, string>>;
}

/** Sorting is registered only so headers can read the server's sort state; rows arrive already sorted. */
export const features = tableFeatures({
  rowSortingFeature,
  tableMeta: metaHelper<RestoreRunsTableMeta>(),
});

type Features = typeof features;
const helper = createColumnHelper<Features, RestoreRunRowView>();

/** A header that links to the server-side sort; the link says what it will do. */
function SortHeader<TValue extends CellData>({
  ctx,
  label,
}: {
  ctx: HeaderContext<Features, RestoreRunRowView, TValue>;
  label: string;
}) {
  const href = ctx.table.options.meta?.sortHrefs[ctx.column.id as SortableColumnId];
  const sorted = ctx.column.getIsSorted();
  if (!href) return <>{label}</>;
  const next = sorted === "desc" ? "ascending" : "descending";
  return (
    <Link href={href} className="inline-flex items-center gap-1 underline underline-offset-2 hover:text-blue-900">
      {label}
      <span aria-hidden="true">{sorted === "desc" ? "↓" : sorted === "asc" ? "↑" : "↕"}</span>
      <span className="sr-only">{`, sort ${next}`}</span>
    </Link>
  );
}

export const columns = helper.columns([
  helper.accessor("id", {
    header: (ctx) => <SortHeader ctx={ctx} label="Run" />,
    enableSorting: true,
    cell: ({ row }) => {
      const r = row.original;
      return (
        <div className="flex flex-col items-start gap-1">
          <Link href={`/restore-runs/${r.id}`} className={linkClass}>
            Run #{r.id}
          </Link>
          {r.isLatestRelevant ? <Badge tone="info">{LATEST_RELEVANT_RUN_MARKER}</Badge> : null}
          {r.archived ? <Badge tone="neutral">Archived</Badge> : null}
        </div>
      );
    },
  }),
  helper.accessor((r) => r.backupSet, {
    id: "backup_set",
    header: "Backup set",
    enableSorting: false,
    cell: ({ row }) => {
      const set = row.original.backupSet;
      if (!set) return <span className="text-slate-700">None linked</span>;
      return (
        <Link href={`/backup-sets/${set.id}`} className={linkClass}>
          <span className="whitespace-nowrap">#{set.id}</span> <span className="font-normal">{set.name}</span>
        </Link>
      );
    },
  }),
  helper.accessor("status", {
    header: "Status",
    enableSorting: false,
    cell: ({ getValue }) => <span className="break-words font-mono text-xs text-slate-900">{getValue()}</span>,
  }),
  helper.accessor("isDryRun", {
    header: "Dry run",
    enableSorting: false,
    cell: ({ getValue }) => (getValue() ? <Badge tone="neutral">Yes</Badge> : "No"),
  }),
  helper.accessor((r) => r.attention.state, {
    id: "attention",
    header: "Attention",
    enableSorting: false,
    cell: ({ row }) => <Badge tone={row.original.attention.tone}>{row.original.attention.label}</Badge>,
  }),
  helper.accessor("completedAt", {
    id: "completed_at",
    header: (ctx) => <SortHeader ctx={ctx} label="Completed at" />,
    enableSorting: true,
    cell: ({ getValue }) => <DateTime value={getValue()} fallback="Not completed" />,
  }),
  helper.accessor("operationOutcome", {
    id: "operation_outcome",
    header: "Operation outcome",
    enableSorting: false,
    cell: ({ getValue }) => {
      const outcome = getValue();
      return outcome === null ? <span className="text-slate-700">None linked</span> : <span className="font-mono text-xs">{outcome}</span>;
    },
  }),
]);
