CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"staff_id" uuid,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp (3) with time zone,
	"blocked_until" timestamp (3) with time zone,
	"last_success_at" timestamp (3) with time zone,
	CONSTRAINT "sign_in_throttles_scope" CHECK ("sign_in_throttles"."scope" in ('pair', 'account', 'address'))
);
--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ADD CONSTRAINT "sign_in_throttles_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_throttles_blocked_staff" ON "sign_in_throttles" USING btree ("blocked_until") WHERE "sign_in_throttles"."staff_id" is not null;