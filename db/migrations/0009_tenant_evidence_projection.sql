CREATE TABLE "tenant_evidence" (
	"tenant_id" integer PRIMARY KEY NOT NULL,
	"latest_relevant_run_id" integer,
	"backup_sets" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenant_evidence" ADD CONSTRAINT "tenant_evidence_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;