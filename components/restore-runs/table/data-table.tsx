import type { RestoreRunRowView } from "../row-view";
import { columns, runRowMarkup, type SortableColumnId } from "./columns";

/**
 * The restore-run table, a server component (issue 14): sorting, filtering and paging happen on the
 * server (the URL holds them) and this renders one page in the order received, so the rows travel once as
 * markup (one escaped string for the rows: columns.tsx), with no client table and no row props for one. On narrow screens the table scrolls horizontally
 * inside a labelled, focusable region.
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
  /** Where each sortable header links (the server-side sort, first page). Absent: not sortable now. */
  sortHrefs: Partial<Record<SortableColumnId, string>>;
  caption: string;
}) {
  return (
    <div className="table-box">
      {/* The caption sits outside the scrolling area so it stays readable on narrow screens. */}
      <p id="restore-runs-caption">
        {caption}
      </p>
      <div role="region" aria-labelledby="restore-runs-caption" tabIndex={0} className="relative overflow-x-auto">
        <table aria-labelledby="restore-runs-caption" className="runs-table min-w-full text-left text-sm">
          <thead>
            <tr>
              {columns.map((c) => {
                const sorted = c.sortKey === sort ? order : null;
                return (
                  <th key={c.id} scope="col" {...(sorted ? { "aria-sort": sorted === "asc" ? "ascending" : "descending" } : {})}>
                    <SortHeader label={c.header} href={c.sortKey ? sortHrefs[c.sortKey] : undefined} sorted={sorted} />
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200" dangerouslySetInnerHTML={{ __html: rows.map(runRowMarkup).join("") }} />
        </table>
      </div>
    </div>
  );
}

/** A header that links to the server-side sort; the link says what it will do. */
function SortHeader({ label, href, sorted }: { label: string; href: string | undefined; sorted: "asc" | "desc" | null }) {
  if (!href) return label;
  const next = sorted === "desc" ? "ascending" : "descending";
  return (
    <a href={href} className="sort">
      {label}
      <span aria-hidden="true">{sorted === "desc" ? "↓" : sorted === "asc" ? "↑" : "↕"}</span>
      <span className="sr-only">{`, sort ${next}`}</span>
    </a>
  );
}
