CREATE TABLE "tenant_rank_schedules" (
	"tenant_id" integer PRIMARY KEY NOT NULL,
	"version" smallint NOT NULL,
	"backup_stale_after_hours" integer NOT NULL,
	"restore_evidence_stale_after_days" integer NOT NULL,
	"latest_relevant_restore_at" text,
	"evidence_ms" bigint,
	"valid_from" bigint[] NOT NULL,
	"signature" integer[] NOT NULL,
	CONSTRAINT "tenant_rank_schedules_intervals" CHECK (cardinality("tenant_rank_schedules"."valid_from") >= 1 and cardinality("tenant_rank_schedules"."valid_from") = cardinality("tenant_rank_schedules"."signature"))
);
--> statement-breakpoint
DROP TABLE "tenant_rank_segments" CASCADE;--> statement-breakpoint
ALTER TABLE "tenant_rank_schedules" ADD CONSTRAINT "tenant_rank_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- One row per tenant now (decision 0022); the trigger of 0011 forgets it on a window change as it did the segments.
DROP TRIGGER IF EXISTS tenants_windows_changed ON tenants;
--> statement-breakpoint
DROP FUNCTION IF EXISTS tenant_rank_segments_forget();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenant_rank_schedules_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM tenant_rank_schedules WHERE tenant_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tenants_windows_changed
  AFTER UPDATE OF backup_stale_after_hours, restore_evidence_stale_after_days ON tenants
  FOR EACH ROW
  WHEN (OLD.backup_stale_after_hours IS DISTINCT FROM NEW.backup_stale_after_hours
     OR OLD.restore_evidence_stale_after_days IS DISTINCT FROM NEW.restore_evidence_stale_after_days)
  EXECUTE FUNCTION tenant_rank_schedules_forget();
