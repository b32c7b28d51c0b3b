CREATE TYPE "public"."role_grant_status" AS ENUM('pending', 'approved', 'refused', 'cancelled', 'direct');--> statement-breakpoint
CREATE TABLE "staff_role_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"role" "staff_role" NOT NULL,
	"previous_role" "staff_role",
	"status" "role_grant_status" NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	CONSTRAINT "staff_role_grants_four_eyes" CHECK ("staff_role_grants"."status" <> 'approved' OR ("staff_role_grants"."decided_by" IS NOT NULL AND "staff_role_grants"."decided_by" <> "staff_role_grants"."staff_id" AND "staff_role_grants"."decided_by" IS DISTINCT FROM "staff_role_grants"."requested_by"))
);
--> statement-breakpoint
ALTER TABLE "staff_users" ALTER COLUMN "role" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_role_grants" ADD CONSTRAINT "staff_role_grants_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_role_grants" ADD CONSTRAINT "staff_role_grants_requested_by_staff_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_role_grants" ADD CONSTRAINT "staff_role_grants_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_role_grants_staff_idx" ON "staff_role_grants" USING btree ("staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_role_grants_one_pending_idx" ON "staff_role_grants" USING btree ("staff_id") WHERE "staff_role_grants"."status" = 'pending';