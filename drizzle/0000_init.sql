CREATE TYPE "public"."appointment_status" AS ENUM('booked', 'cancelled', 'held');--> statement-breakpoint
CREATE TYPE "public"."client_group" AS ENUM('resident', 'reception_services', 'settlement_services');--> statement-breakpoint
CREATE TYPE "public"."client_status" AS ENUM('active', 'closed', 'erasure_pending');--> statement-breakpoint
CREATE TYPE "public"."consent_channel" AS ENUM('electronic_form', 'written', 'staff_recorded');--> statement-breakpoint
CREATE TYPE "public"."consent_kind" AS ENUM('storage', 'obtain_data', 'disclosure', 'transfer');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('in_person', 'phone', 'email', 'video');--> statement-breakpoint
CREATE TYPE "public"."disclosure_method" AS ENUM('secure_email', 'suomi_fi_messages', 'paper', 'in_person');--> statement-breakpoint
CREATE TYPE "public"."family_relation" AS ENUM('spouse', 'child', 'parent', 'sibling', 'other');--> statement-breakpoint
CREATE TYPE "public"."outcome_kind" AS ENUM('work', 'education', 'other_service');--> statement-breakpoint
CREATE TYPE "public"."permit_type" AS ENUM('international_protection', 'temporary_protection', 'family_ties', 'work', 'studies', 'eu_registration', 'permanent', 'other', 'not_known');--> statement-breakpoint
CREATE TYPE "public"."register_basis" AS ENUM('consent_electronic', 'consent_written', 'legal_obligation');--> statement-breakpoint
CREATE TYPE "public"."request_channel" AS ENUM('visit', 'signed_document', 'otherwise_verified');--> statement-breakpoint
CREATE TYPE "public"."request_kind" AS ENUM('access', 'rectification', 'restriction', 'erasure', 'objection');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('open', 'completed', 'refused');--> statement-breakpoint
CREATE TYPE "public"."requester" AS ENUM('client', 'guardian');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('caseworker', 'coordinator', 'dpo', 'admin', 'reporting');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('pending', 'accepted', 'rejected');--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoked_reason" text,
	"ip_address" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'fi' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"names" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"business_id" text,
	"inside_eea" boolean DEFAULT true NOT NULL,
	"delivery_method" "disclosure_method" DEFAULT 'secure_email' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "consent_texts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "consent_kind" NOT NULL,
	"version" integer NOT NULL,
	"locale" text NOT NULL,
	"body" text NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_texts_kind_version_locale" UNIQUE("kind","version","locale")
);
--> statement-breakpoint
CREATE TABLE "register_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"settings" jsonb NOT NULL,
	"data_key_check" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "client_number_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_number" text NOT NULL,
	"first_names" text NOT NULL,
	"last_name" text NOT NULL,
	"search_name" text NOT NULL,
	"date_of_birth" date,
	"personal_identity_code_encrypted" text,
	"personal_identity_code_hash" text,
	"gender" text,
	"unhcr_id" text,
	"street_address" text,
	"postal_code" text,
	"post_office" text,
	"phone" text,
	"email" text,
	"home_municipality" text,
	"preferred_language" text,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"interpreter_language" text,
	"preferred_contact_method" text,
	"citizenships" text[] DEFAULT '{}' NOT NULL,
	"arrival_date" date,
	"client_group" "client_group" DEFAULT 'resident' NOT NULL,
	"marital_status" text,
	"basis" "register_basis" NOT NULL,
	"status" "client_status" DEFAULT 'active' NOT NULL,
	"assigned_caseworker_id" uuid,
	"restricted_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"close_reason" text,
	"is_synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clients_client_number_unique" UNIQUE("client_number")
);
--> statement-breakpoint
CREATE TABLE "family_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"related_client_id" uuid,
	"relation" "family_relation" NOT NULL,
	"full_name" text NOT NULL,
	"date_of_birth" date,
	"lives_in_finland" boolean DEFAULT true NOT NULL,
	"client_is_guardian" boolean DEFAULT false NOT NULL,
	"daycare_or_school_need" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "residence_permits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"permit_type" "permit_type" NOT NULL,
	"valid_from" date,
	"valid_until" date,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 60 NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"interpreter_language" text,
	"staff_id" uuid,
	"status" "appointment_status" DEFAULT 'booked' NOT NULL,
	"purpose" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "educations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"level" text NOT NULL,
	"field" text,
	"institution" text,
	"country" text,
	"start_year" integer,
	"end_year" integer,
	"degree" text,
	"recognised_in_finland" boolean,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "functional_capacity_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"content" text NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initial_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"content" text NOT NULL,
	"further_measures" text,
	"planned_plan_date" date,
	"other_referral" text,
	"authors" text NOT NULL,
	"sources" text,
	"service_needs" text[] DEFAULT '{}' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_plan_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"description" text NOT NULL,
	"provider" text,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_plan_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"summary" text NOT NULL,
	"next_review_on" date,
	"reviewed_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"plan_date" date NOT NULL,
	"valid_until" date,
	"goals" text NOT NULL,
	"job_search" text,
	"studies" text,
	"skills_acquisition" text,
	"authors" text NOT NULL,
	"review_due_on" date,
	"sources" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" "outcome_kind" NOT NULL,
	"description" text NOT NULL,
	"started_on" date,
	"ended_on" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"level" text,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"appointment_id" uuid,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"interpreter_language" text,
	"staff_id" uuid,
	"notes" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_experiences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"job_title" text NOT NULL,
	"employer" text,
	"country" text,
	"start_year" integer,
	"end_year" integer,
	"description" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid,
	"submission_id" uuid,
	"kind" "consent_kind" NOT NULL,
	"granted" boolean NOT NULL,
	"agency_id" uuid,
	"source_authority" text,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"purpose" text,
	"valid_from" date,
	"valid_until" date,
	"given_at" timestamp (3) with time zone NOT NULL,
	"channel" "consent_channel" NOT NULL,
	"consent_text_id" uuid,
	"text_sha256" text,
	"locale" text,
	"paper_reference" text,
	"recorded_by" uuid,
	"withdrawn_at" timestamp (3) with time zone,
	"withdrawal_channel" text,
	"withdrawal_recorded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid,
	"agency_id" uuid NOT NULL,
	"categories" text[] NOT NULL,
	"basis" jsonb NOT NULL,
	"purpose" text NOT NULL,
	"method" "disclosure_method" NOT NULL,
	"request_reference" text,
	"document_sha256" text,
	"disclosed_by" uuid NOT NULL,
	"disclosed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"locale" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"personal_identity_code_encrypted" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"locale" text NOT NULL,
	"answers" jsonb NOT NULL,
	"personal_identity_code_encrypted" text,
	"personal_identity_code_hash" text,
	"status" "submission_status" DEFAULT 'pending' NOT NULL,
	"accepted_client_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_submissions_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "data_subject_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid,
	"kind" "request_kind" NOT NULL,
	"channel" "request_channel" NOT NULL,
	"identity_verification" text NOT NULL,
	"requester" "requester" NOT NULL,
	"requester_name" text,
	"received_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" "request_status" DEFAULT 'open' NOT NULL,
	"decision_reasons" text,
	"completed_at" timestamp (3) with time zone,
	"handled_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"client_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deletion_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_reference" text NOT NULL,
	"reason" text NOT NULL,
	"archive_reference" text,
	"deleted_by" uuid,
	"deleted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_settings" ADD CONSTRAINT "register_settings_updated_by_staff_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_assigned_caseworker_id_staff_users_id_fk" FOREIGN KEY ("assigned_caseworker_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_related_client_id_clients_id_fk" FOREIGN KEY ("related_client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_permits" ADD CONSTRAINT "residence_permits_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_staff_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "educations" ADD CONSTRAINT "educations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "functional_capacity_entries" ADD CONSTRAINT "functional_capacity_entries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "functional_capacity_entries" ADD CONSTRAINT "functional_capacity_entries_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initial_assessments" ADD CONSTRAINT "initial_assessments_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initial_assessments" ADD CONSTRAINT "initial_assessments_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_plan_measures" ADD CONSTRAINT "integration_plan_measures_plan_id_integration_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."integration_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_plan_reviews" ADD CONSTRAINT "integration_plan_reviews_plan_id_integration_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."integration_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_plan_reviews" ADD CONSTRAINT "integration_plan_reviews_reviewed_by_staff_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_plans" ADD CONSTRAINT "integration_plans_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_plans" ADD CONSTRAINT "integration_plans_created_by_staff_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcomes" ADD CONSTRAINT "outcomes_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_staff_id_staff_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_experiences" ADD CONSTRAINT "work_experiences_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_submission_id_intake_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."intake_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_consent_text_id_consent_texts_id_fk" FOREIGN KEY ("consent_text_id") REFERENCES "public"."consent_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_staff_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawal_recorded_by_staff_users_id_fk" FOREIGN KEY ("withdrawal_recorded_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_disclosed_by_staff_users_id_fk" FOREIGN KEY ("disclosed_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_accepted_client_id_clients_id_fk" FOREIGN KEY ("accepted_client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_submissions" ADD CONSTRAINT "intake_submissions_decided_by_staff_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ADD CONSTRAINT "data_subject_requests_handled_by_staff_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_records" ADD CONSTRAINT "deletion_records_deleted_by_staff_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."staff_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_sessions_user_idx" ON "staff_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "clients_pic_hash_idx" ON "clients" USING btree ("personal_identity_code_hash");--> statement-breakpoint
CREATE INDEX "clients_search_name_idx" ON "clients" USING btree ("search_name");--> statement-breakpoint
CREATE INDEX "clients_dob_idx" ON "clients" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "clients_caseworker_idx" ON "clients" USING btree ("assigned_caseworker_id");--> statement-breakpoint
CREATE INDEX "family_members_client_idx" ON "family_members" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "residence_permits_client_idx" ON "residence_permits" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "residence_permits_until_idx" ON "residence_permits" USING btree ("valid_until");--> statement-breakpoint
CREATE INDEX "appointments_client_idx" ON "appointments" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "appointments_starts_idx" ON "appointments" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "case_notes_client_idx" ON "case_notes" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "educations_client_idx" ON "educations" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "functional_capacity_client_idx" ON "functional_capacity_entries" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "initial_assessments_client_idx" ON "initial_assessments" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "integration_plan_measures_plan_idx" ON "integration_plan_measures" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "integration_plan_reviews_plan_idx" ON "integration_plan_reviews" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "integration_plans_client_idx" ON "integration_plans" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "integration_plans_review_idx" ON "integration_plans" USING btree ("review_due_on");--> statement-breakpoint
CREATE INDEX "outcomes_client_idx" ON "outcomes" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "skills_client_idx" ON "skills" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "visits_client_idx" ON "visits" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "work_experiences_client_idx" ON "work_experiences" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "consents_client_idx" ON "consents" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "consents_submission_idx" ON "consents" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "disclosures_client_idx" ON "disclosures" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "disclosures_agency_idx" ON "disclosures" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "intake_drafts_expires_idx" ON "intake_drafts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "intake_submissions_status_idx" ON "intake_submissions" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "data_subject_requests_client_idx" ON "data_subject_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "audit_events_client_idx" ON "audit_events" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_id");