/**
 * Where the app sends an operator: back to the page they asked for after sign-in, and to the same kind
 * of page after a tenant switch. Pure (no request, no database), so the rules are tested as a table.
 */

const BASE = "http://return-to.invalid";
const MAX_LENGTH = 2_000;
/** Paths that are never a destination: the sign-in page itself and the API. */
const NEVER = [/^\/sign-in(?:[/?#]|$)/, /^\/api(?:[/?#]|$)/];

/**
 * A same-origin relative path (`/restore-runs/5?x=1`), normalized, or null. Anything that could leave the
 * origin or confuse a browser is refused: absolute URLs, scheme-relative `//host`, backslashes (`/\host`
 * is `//host` to browsers), control characters, over-long values, and the sign-in page and API.
 */
export function safeReturnPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (!raw.startsWith("/") || raw.startsWith("//")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("//") || NEVER.some((re) => re.test(path))) return null;
  return path;
}

/** The sign-in page, remembering the requested page when it is worth returning to. */
export function signInHref(returnTo: string | null | undefined): string {
  const path = safeReturnPath(returnTo);
  return path && path !== "/" ? `/sign-in?next=${encodeURIComponent(path)}` : "/sign-in";
}

/**
 * After a tenant switch, the same kind of page for the new tenant, where that page exists for it:
 * a list stays that list (its filters and cursor belonged to the old tenant, so they are dropped); a
 * record page goes to its list, unless `stay` (the switch was offered *for* that record, which belongs
 * to the new tenant); restore history only for a role that may view it; anything else, the dashboard.
 */
export function pathAfterTenantSwitch(
  returnTo: string | null,
  opts: { stay: boolean; canViewRestoreHistory: boolean },
): string {
  const path = safeReturnPath(returnTo);
  const pathname = path?.split(/[?#]/)[0] ?? "";
  const record = /^\/(restore-runs|backup-sets)\/[^/]+$/.exec(pathname);
  const list = /^\/(restore-runs|backup-sets)\/?$/.exec(pathname);
  const section = record?.[1] ?? list?.[1] ?? null;
  if (section === "restore-runs" && !opts.canViewRestoreHistory) return "/dashboard";
  if (record && opts.stay) return pathname;
  if (section) return `/${section}`;
  return "/dashboard";
}
