"use client";

import { useMemo } from "react";
import { useTable, type SortingState } from "@tanstack/react-table";
import type { RestoreRunRowView } from "../row-view";
import { columns, features, type RestoreRunsTableMeta, type SortableColumnId } from "./columns";

/**
 * The restore-run table. Sorting, filtering and paging happen on the server (the URL holds them);
 * this component renders one page in the order received. On narrow screens the table scrolls
 * horizontally inside a labelled, focusable region.
 */
export function RestoreRunsDataTable({
  rows,
  sort,
  order,
  sortHrefs,
  caption,
}: {
  rows: RestoreRunRowView[];
  sort: SortableColumnId;
  order: "asc" | "desc";
  sortHrefs: RestoreRunsTableMeta["sortHrefs"];
  caption: string;
}) {
  const sorting = useMemo<SortingState>(() => [{ id: sort, desc: order === "desc" }], [sort, order]);
  const meta = useMemo<RestoreRunsTableMeta>(() => ({ sortHrefs }), [sortHrefs]);
  const table = useTable({
    features,
    columns,
    data: rows,
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    getRowId: (row) => String(row.id),
    meta,
  });

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {/* The caption sits outside the scrolling area so it stays readable on narrow screens. */}
      <p id="restore-runs-caption" className="px-4 py-3 text-sm font-medium text-slate-800">
        {caption}
      </p>
      <div role="region" aria-labelledby="restore-runs-caption" tabIndex={0} className="relative overflow-x-auto">
        <table aria-labelledby="restore-runs-caption" className="min-w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-700">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className="whitespace-nowrap px-2 py-2 font-semibold sm:px-4"
                    >
                      {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-200">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.isLatestRelevant ? "bg-blue-50/60" : undefined}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className="px-2 py-3 align-top text-slate-900 sm:px-4">
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
