import { secondaryButtonClass } from "@/components/ui/styles";

/**
 * The visible "Export" control (§11): plain download links to the streamed export, CSV and JSON. They are
 * ordinary GET requests with the session cookie, so they work without JavaScript.
 */
export function ExportLinks({ href, label }: { href: string; label: string }) {
  const sep = href.includes("?") ? "&" : "?";
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-slate-800">Export</span>
      <a href={`${href}${sep}format=csv`} className={secondaryButtonClass} download>
        Export CSV
      </a>
      <a href={`${href}${sep}format=json`} className={secondaryButtonClass} download>
        Export JSON
      </a>
    </div>
  );
}
