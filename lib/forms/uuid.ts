/**
 * The one UUID check of the codebase: ids in forms, cookies and the data layer's lookups. Any
 * 8-4-4-4-12 hex string, in either case, as PostgreSQL's uuid type reads it: an id is only ever
 * looked up, so what matters is that a malformed one never reaches a query (where PostgreSQL would
 * answer with an error instead of "not found"), not which UUID version made it.
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
