-- The keyed audit chain (lib/audit-chain.ts). Events already in the log were hashed unkeyed
-- (version 1); adding the column with that default labels them so without firing the
-- append-only triggers (no row is rewritten). New events must say their version: no default.
ALTER TABLE "audit_events" ADD COLUMN "hash_version" smallint NOT NULL DEFAULT 1;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash_version" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_hash_version_known" CHECK ("audit_events"."hash_version" in (1, 2));
