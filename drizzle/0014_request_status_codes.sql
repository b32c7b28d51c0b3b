-- Issue 11: a data subject's request now goes received → verified → decided → closed, and its
-- decision (accepted, partially refused, refused) has a column of its own. The next migration
-- recreates the status type; before it can cast the column, the old codes are turned into the new
-- ones here (open → received; completed and refused were both closed requests), and the old code is
-- kept aside so that 0016 can carry "completed" and "refused" over as the decision.
ALTER TABLE "data_subject_requests" ADD COLUMN "legacy_status" text;--> statement-breakpoint
UPDATE "data_subject_requests" SET "legacy_status" = "status"::text;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "data_subject_requests" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
UPDATE "data_subject_requests" SET "status" = CASE "status" WHEN 'open' THEN 'received' ELSE 'closed' END;
