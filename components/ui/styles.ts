/** Shared class names: links and buttons with AA contrast on white and slate-50, and a visible focus ring. */
/** Defined once in app/globals.css (`.link`): font-medium, blue-800, underlined, visible focus ring. */
export const linkClass = "link";

export const buttonLinkClass =
  "inline-flex items-center rounded-md border border-blue-800 bg-blue-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-900 focus-visible:outline-2 focus-visible:outline-offset-2";

export const secondaryButtonClass =
  "inline-flex items-center rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2";

export const disabledButtonClass =
  "inline-flex cursor-not-allowed items-center rounded-md border border-slate-300 bg-slate-100 px-3 py-1.5 text-sm font-medium text-slate-600";
