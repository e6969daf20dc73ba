import { cursorFromTokens, encodeCursorKey, single, type ListCursor, type ListKey, type RawSearchParams } from "./cursor";

/** /backup-sets query string: only the page cursor. A bad or foreign token means the first page. */
export interface BackupSetsParams {
  cursor: ListCursor | null;
}

export function parseBackupSetsSearchParams(raw: RawSearchParams | null | undefined): BackupSetsParams {
  const input = raw ?? {};
  return { cursor: cursorFromTokens(single(input.after), single(input.before), "completed_at") };
}

export function backupSetsHref(cursor: { direction: "after" | "before"; key: ListKey } | null): string {
  return cursor ? `/backup-sets?${cursor.direction}=${encodeCursorKey(cursor.key)}` : "/backup-sets";
}
