DROP INDEX "audit_events_client_idx";--> statement-breakpoint
DROP INDEX "audit_events_actor_idx";--> statement-breakpoint
CREATE INDEX "audit_events_client_seq_idx" ON "audit_events" USING btree ("client_id","seq") WHERE "audit_events"."client_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_actor_seq_idx" ON "audit_events" USING btree ("actor_id","seq") WHERE "audit_events"."actor_id" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events" USING btree ("action","seq");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_listed_clients_idx" ON "audit_events" USING gin (("details" -> 'clientIds')) WHERE "audit_events"."details" ? 'clientIds';