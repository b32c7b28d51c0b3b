CREATE TABLE "register_settings_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"saved_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"saved_by" uuid,
	"changed_keys" text[] NOT NULL,
	"previous_settings" jsonb,
	"settings" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "register_settings_history" ADD CONSTRAINT "register_settings_history_saved_by_staff_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "register_settings_history_saved_at" ON "register_settings_history" USING btree ("saved_at");