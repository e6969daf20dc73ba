-- One schedule row per tenant (decision 0022). `width_bucket(now, valid_from)` is only right when the starts
-- ascend strictly and the first is SINCE_EVER (lib/recovery/fleet-schedule.ts), so the table refuses any other.
CREATE FUNCTION rank_schedule_starts_valid(starts bigint[]) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT cardinality(starts) >= 1 AND starts[1] = -9007199254740991
    AND coalesce((SELECT bool_and(a < b) FROM unnest(starts[1:cardinality(starts) - 1], starts[2:cardinality(starts)]) AS u(a, b)), true)
$$;
--> statement-breakpoint
CREATE TABLE "tenant_rank_schedules" (
	"tenant_id" integer PRIMARY KEY NOT NULL,
	"version" smallint NOT NULL,
	"backup_stale_after_hours" integer NOT NULL,
	"restore_evidence_stale_after_days" integer NOT NULL,
	"latest_relevant_restore_at" text,
	"evidence_ms" bigint,
	"valid_from" bigint[] NOT NULL,
	"signature" integer[] NOT NULL,
	CONSTRAINT "tenant_rank_schedules_intervals" CHECK (rank_schedule_starts_valid("tenant_rank_schedules"."valid_from") and cardinality("tenant_rank_schedules"."valid_from") = cardinality("tenant_rank_schedules"."signature"))
);
--> statement-breakpoint
DROP TABLE "tenant_rank_segments" CASCADE;--> statement-breakpoint
ALTER TABLE "tenant_rank_schedules" ADD CONSTRAINT "tenant_rank_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The trigger of 0011 stays; its function now forgets the tenant's schedule row, as it did the segments.
ALTER FUNCTION tenant_rank_segments_forget() RENAME TO tenant_rank_schedules_forget;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION tenant_rank_schedules_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM tenant_rank_schedules WHERE tenant_id = NEW.id;
  RETURN NULL;
END
$$;
