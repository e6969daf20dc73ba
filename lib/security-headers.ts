/**
 * Response headers of every page and API answer (spec §14). Pure: used by proxy.ts (per request, with a
 * fresh nonce) and by next.config.mjs (static assets).
 *
 * Scripts run only with the request's nonce ('strict-dynamic' lets Next's nonce'd bootstrap load its
 * chunks); no 'unsafe-inline' for scripts. Styles keep 'unsafe-inline' (React style attributes; styles
 * cannot run code). Nothing may frame the app (frame-ancestors 'none': the tenant switcher and sign-out
 * cannot be clickjacked); forms post only to the app.
 */
export function contentSecurityPolicy(nonce: string, { development = false } = {}): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? ` 'unsafe-eval'` : ""}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${development ? " ws:" : ""}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** A path whose percent-escapes do not decode to UTF-8 ("%zz", "%", "%C0%AF"), or that carries a NUL byte. */
export function malformedPath(rawPath: string): boolean {
  try {
    const decoded = decodeURIComponent(rawPath);
    return decoded.includes("\0");
  } catch {
    return true;
  }
}
