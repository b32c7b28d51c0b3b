-- The app's database role (README "Run on PostgreSQL"). Migrations run as the owner of the tables;
-- the app connects as a login role that is a member of kotona_app and owns nothing, because an
-- owner can switch off the audit table's triggers. kotona_app may read and write every table but
-- may only SELECT and INSERT on audit_events: no UPDATE, DELETE, TRUNCATE or TRIGGER, so it can
-- neither rewrite nor remove events nor disable the append-only triggers (only an owner can).
-- Roles are cluster-wide and shared by every database on the server: create it only if missing,
-- and tolerate another database's migration creating it at the same moment.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kotona_app') THEN
    CREATE ROLE kotona_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO kotona_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kotona_app;
--> statement-breakpoint
REVOKE ALL ON audit_events FROM kotona_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO kotona_app;
--> statement-breakpoint
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO kotona_app;
--> statement-breakpoint
-- Tables and sequences that later migrations create (as the same owner) are covered too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kotona_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO kotona_app;
--> statement-breakpoint
-- The app does not migrate; it reads which migrations were applied to refuse an unmigrated database.
GRANT USAGE ON SCHEMA drizzle TO kotona_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO kotona_app;
