-- A tenant's rank segments are computed with its windows (decision 0020). Whoever changes a window, its
-- segments go in the same statement: the fleet then assesses that tenant live until the writer (or the
-- migration step) recomputes them, so the fleet's read needs no join to compare windows.
CREATE OR REPLACE FUNCTION tenant_rank_segments_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM tenant_rank_segments WHERE tenant_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tenants_windows_changed
  AFTER UPDATE OF backup_stale_after_hours, restore_evidence_stale_after_days ON tenants
  FOR EACH ROW
  WHEN (OLD.backup_stale_after_hours IS DISTINCT FROM NEW.backup_stale_after_hours
     OR OLD.restore_evidence_stale_after_days IS DISTINCT FROM NEW.restore_evidence_stale_after_days)
  EXECUTE FUNCTION tenant_rank_segments_forget();
