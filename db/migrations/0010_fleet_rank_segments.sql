CREATE TABLE "tenant_rank_segments" (
	"tenant_id" integer NOT NULL,
	"valid_from" bigint NOT NULL,
	"valid_until" bigint NOT NULL,
	"version" smallint NOT NULL,
	"backup_stale_after_hours" integer NOT NULL,
	"restore_evidence_stale_after_days" integer NOT NULL,
	"severity" text NOT NULL,
	"severity_rank" smallint NOT NULL,
	"item_count" smallint NOT NULL,
	"overview_state" text NOT NULL,
	"backup_posture" text NOT NULL,
	"restore_evidence_stale" boolean NOT NULL,
	"evidence_age" text NOT NULL,
	"latest_relevant_restore_at" text,
	"evidence_ms" bigint,
	CONSTRAINT "tenant_rank_segments_tenant_id_valid_from_pk" PRIMARY KEY("tenant_id","valid_from")
);
--> statement-breakpoint
ALTER TABLE "tenant_rank_segments" ADD CONSTRAINT "tenant_rank_segments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;