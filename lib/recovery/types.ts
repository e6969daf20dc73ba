/** Plain inputs to the pure resolvers. db/ maps its rows onto these; nothing here knows about the database. */

export interface BackupSetInput {
  id: number;
  name?: string;
  status: string;
  itemCount?: number;
  failedItemCount: number;
  startedAt?: Date | null;
  completedAt: Date | null;
}

export interface OperationRunInput {
  id: number;
  type: string;
  status: string;
  outcome: string;
}

export interface RestoreRunInput {
  id: number;
  tenantId: number;
  backupSetId: number | null;
  operationRunId: number | null;
  status: string;
  isDryRun: boolean;
  /** Raw JSON as stored: may be anything, including malformed shapes. */
  results: unknown;
  /** Raw JSON as stored: may be anything. */
  metadata: unknown;
  createdAt: Date;
  completedAt: Date | null;
  archivedAt: Date | null;
}
