-- Hand-ordered: the column is added empty, filled from tenants, then made NOT NULL, and the unique key the
-- foreign key needs exists before the foreign key.
ALTER TABLE "memberships" ADD COLUMN "tenant_name" text;--> statement-breakpoint
UPDATE "memberships" SET "tenant_name" = "tenants"."name" FROM "tenants" WHERE "tenants"."id" = "memberships"."tenant_id";--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "tenant_name" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_id_name_unique" UNIQUE("id","name");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_name_fk" FOREIGN KEY ("tenant_id","tenant_name") REFERENCES "public"."tenants"("id","name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "memberships_user_name_idx" ON "memberships" USING btree ("user_id","tenant_name","tenant_id");
