import { dataAsOfText, type DataSource } from "@/lib/recovery/data-as-of";

/** The instant the surface's data is as of, and where it was read (one line under the page header). */
export function DataAsOf({ read }: { read: { asOf: Date; source: DataSource } }) {
  return (
    <p className="text-xs text-slate-700" data-testid="data-as-of" data-as-of={read.asOf.toISOString()} data-source={read.source}>
      <time dateTime={read.asOf.toISOString()}>{dataAsOfText(read.asOf, read.source)}</time>
    </p>
  );
}
