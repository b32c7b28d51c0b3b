CREATE TYPE "public"."notice_cause" AS ENUM('rectification', 'erasure', 'restriction');--> statement-breakpoint
CREATE TYPE "public"."restriction_ground" AS ENUM('accuracy_contested', 'unlawful_processing', 'legal_claims', 'objection_pending');--> statement-breakpoint
CREATE TABLE "client_restrictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"request_id" uuid,
	"ground" "restriction_ground",
	"applied_by" uuid,
	"applied_at" timestamp (3) with time zone NOT NULL,
	"lift_notice_told_on" date,
	"lift_notice_method" "disclosure_method",
	"lift_notice_locale" text,
	"lift_notice_document_id" uuid,
	"lift_notice_recorded_by" uuid,
	"lift_notice_recorded_at" timestamp (3) with time zone,
	"lifted_by" uuid,
	"lifted_at" timestamp (3) with time zone,
	CONSTRAINT "client_restrictions_lift_needs_notice" CHECK ("client_restrictions"."lifted_at" is null or "client_restrictions"."lift_notice_told_on" is not null),
	CONSTRAINT "client_restrictions_lifted_after_applied" CHECK ("client_restrictions"."lifted_at" is null or "client_restrictions"."lifted_at" >= "client_restrictions"."applied_at")
);
--> statement-breakpoint
CREATE TABLE "recipient_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid,
	"cause" "notice_cause" NOT NULL,
	"request_id" uuid,
	"restriction_id" uuid,
	"agency_id" uuid NOT NULL,
	"categories" text[] NOT NULL,
	"disclosure_ids" uuid[] NOT NULL,
	"correction_seqs" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"method" "disclosure_method" NOT NULL,
	"sent_on" date NOT NULL,
	"locale" text NOT NULL,
	"document_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_corrections" (
	"request_id" uuid NOT NULL,
	"audit_seq" bigint NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_corrections_request_id_audit_seq_pk" PRIMARY KEY("request_id","audit_seq")
);
--> statement-breakpoint
ALTER TABLE "client_restrictions" ADD CONSTRAINT "client_restrictions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_restrictions" ADD CONSTRAINT "client_restrictions_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_restrictions" ADD CONSTRAINT "client_restrictions_applied_by_staff_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_restrictions" ADD CONSTRAINT "client_restrictions_lift_notice_recorded_by_staff_users_id_fk" FOREIGN KEY ("lift_notice_recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_restrictions" ADD CONSTRAINT "client_restrictions_lifted_by_staff_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notices" ADD CONSTRAINT "recipient_notices_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notices" ADD CONSTRAINT "recipient_notices_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notices" ADD CONSTRAINT "recipient_notices_restriction_id_client_restrictions_id_fk" FOREIGN KEY ("restriction_id") REFERENCES "public"."client_restrictions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notices" ADD CONSTRAINT "recipient_notices_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notices" ADD CONSTRAINT "recipient_notices_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_corrections" ADD CONSTRAINT "request_corrections_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_corrections" ADD CONSTRAINT "request_corrections_linked_by_staff_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_restrictions_client_idx" ON "client_restrictions" USING btree ("client_id","applied_at");--> statement-breakpoint
CREATE UNIQUE INDEX "client_restrictions_one_in_force" ON "client_restrictions" USING btree ("client_id") WHERE "client_restrictions"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "recipient_notices_client_idx" ON "recipient_notices" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "recipient_notices_request_idx" ON "recipient_notices" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "recipient_notices_restriction_idx" ON "recipient_notices" USING btree ("restriction_id");