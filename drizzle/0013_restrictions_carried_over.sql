-- A client restricted before the history existed (clients.restricted_at set) gets its period in
-- client_restrictions, so the disclosure gate, which reads the history, still refuses them. No
-- ground was recorded then: the row's ground stays null, which allows nothing beyond storage
-- (lib/rights/restriction.ts), until the DPO lifts it with the told-beforehand notice.
INSERT INTO "client_restrictions" ("client_id", "applied_at")
SELECT "id", "restricted_at" FROM "clients" WHERE "restricted_at" IS NOT NULL;
