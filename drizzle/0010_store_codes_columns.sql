ALTER TABLE "case_notes" ADD COLUMN "intake_decision" jsonb;--> statement-breakpoint
ALTER TABLE "work_experiences" ADD COLUMN "years" integer;