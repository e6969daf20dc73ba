/**
 * Shared class names: links and buttons with AA contrast on white and slate-50, and a visible focus ring.
 * Each is defined once in app/styles/components.css (`@layer components`): a page carries the class name, not the
 * ten utilities behind it, in its HTML and again in its inline RSC data (issue 14, page weight).
 */
/** font-medium, blue-800, underlined, visible focus ring. */
export const linkClass = "link";

/** A primary action drawn as a button (blue-800 fill, white text). */
export const buttonLinkClass = "btn btn-primary";

/** A secondary action (white, slate border). */
export const secondaryButtonClass = "btn";

/** An action that is not available (no page before the first). */
export const disabledButtonClass = "btn btn-disabled";
