-- The settings history is a record of who changed the register's settings and how: the app's role
-- (0006_app_role) may add versions and read them, never rewrite or remove one.
REVOKE UPDATE, DELETE, TRUNCATE ON register_settings_history FROM kotona_app;
