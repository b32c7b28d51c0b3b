CREATE TYPE "public"."request_decision" AS ENUM('accepted', 'partially_refused', 'refused');--> statement-breakpoint
ALTER TYPE "public"."request_kind" ADD VALUE 'portability';--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "status" SET DEFAULT 'received'::text;--> statement-breakpoint
DROP TYPE "public"."request_status";--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('received', 'verified', 'decided', 'closed');--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "status" SET DEFAULT 'received'::"public"."request_status";--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "status" SET DATA TYPE "public"."request_status" USING "status"::"public"."request_status";--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "identity_verification" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "identity_verification_note" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "identity_verified_by" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "identity_verified_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "guardian_client_id" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "guardian_family_member_id" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "reply_language" text DEFAULT 'fi' NOT NULL;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "extended_due_on" date;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "extension_reasons" text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "extension_told_on" date;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "extended_by" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "decision" "request_decision";--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "decided_on" date;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD COLUMN "logged_by" uuid;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_identity_verified_by_staff_users_id_fk" FOREIGN KEY ("identity_verified_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_guardian_client_id_clients_id_fk" FOREIGN KEY ("guardian_client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_guardian_family_member_id_family_members_id_fk" FOREIGN KEY ("guardian_family_member_id") REFERENCES "public"."family_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_extended_by_staff_users_id_fk" FOREIGN KEY ("extended_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_closed_by_staff_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_logged_by_staff_users_id_fk" FOREIGN KEY ("logged_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_subject_requests_status_due_idx" ON "data_subject_requests" USING btree ("status","due_on");