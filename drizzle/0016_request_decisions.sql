-- Issue 11: requests closed before the decision had its own column keep what their old status said
-- (0014 set it aside): "completed" was an accepted request, "refused" a refused one.
UPDATE "data_subject_requests"
SET "decision" = CASE "legacy_status" WHEN 'completed' THEN 'accepted' ELSE 'refused' END::"request_decision"
WHERE "legacy_status" IN ('completed', 'refused');--> statement-breakpoint
ALTER TABLE "data_subject_requests" DROP COLUMN "legacy_status";
