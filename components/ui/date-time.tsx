/**
 * Timestamps render the same on the server and in the browser: a fixed UTC format, never the
 * machine's locale or time zone (which would differ between the two and between operators).
 */
export function formatDateTime(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  const ms = date.getTime();
  if (Number.isNaN(ms)) return null;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function DateTime({
  value,
  fallback = "—",
  fallbackLabel,
}: {
  value: Date | string | null | undefined;
  fallback?: string;
  /** Accessible text for the fallback (e.g. "Not completed"), when the fallback is a symbol. */
  fallbackLabel?: string;
}) {
  const text = formatDateTime(value);
  if (text === null) {
    return fallbackLabel ? (
      <span>
        <span aria-hidden="true">{fallback}</span>
        <span className="sr-only">{fallbackLabel}</span>
      </span>
    ) : (
      <span>{fallback}</span>
    );
  }
  const iso = (value instanceof Date ? value : new Date(value as string)).toISOString();
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {text}
    </time>
  );
}
