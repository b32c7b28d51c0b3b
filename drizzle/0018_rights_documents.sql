CREATE TYPE "public"."rights_document_kind" AS ENUM('access_report', 'refusal_certificate', 'restriction_lift_notice', 'recipient_notice');--> statement-breakpoint
CREATE TABLE "rights_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "rights_document_kind" NOT NULL,
	"request_id" uuid,
	"client_id" uuid,
	"locale" text NOT NULL,
	"json_sha256" text NOT NULL,
	"pdf_sha256" text NOT NULL,
	"json_encrypted" text,
	"pdf_encrypted" text,
	"released_by" uuid NOT NULL,
	"released_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rights_documents" ADD CONSTRAINT "rights_documents_request_id_data_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."data_subject_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_documents" ADD CONSTRAINT "rights_documents_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_documents" ADD CONSTRAINT "rights_documents_released_by_staff_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rights_documents_request_idx" ON "rights_documents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "rights_documents_client_idx" ON "rights_documents" USING btree ("client_id");