import { createHash } from "node:crypto";
import { PgDatabase, PgPreparedQuery } from "drizzle-orm/pg-core";

/**
 * A failed query without its parameters. drizzle-orm 0.45 wraps every driver error in a
 * DrizzleQueryError whose message is `Failed query: <sql>\nparams: <values>` and which carries the
 * values as `.params`; the driver's error underneath carries them too (PGlite: `.params`; both
 * drivers: `.detail`, e.g. "Key (email)=(…) already exists." or "Failing row contains (…)"), and
 * some messages quote the input ("invalid input syntax for type uuid: "…""). Next.js logs an
 * uncaught error with its properties and cause chain, so personal data reached the server log.
 *
 * This error keeps what code and people need to handle and diagnose the failure: the SQLSTATE
 * `code` (e.g. 23505, also on `.cause.code` as before), the constraint, table and column names, the
 * query's name (statement kind, first table, and a fingerprint of the SQL text, which holds only
 * `$n` placeholders), and a cause chain with the driver error's class and stack frames. It never
 * holds parameter values, the SQL text, the driver's `detail`/`where`/`internalQuery`, or a message
 * from a class of errors that quotes input.
 */
export class QueryError extends Error {
  override name = "QueryError";
  /** SQLSTATE, or the driver's own code for errors that are not from the server (e.g. ECONNREFUSED). */
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly queryName: string;

  constructor(queryName: string, driverError: unknown) {
    const cause = safeDriverError(driverError);
    const where = [cause.constraint && `constraint ${cause.constraint}`, cause.table && `table ${cause.table}`, cause.column && `column ${cause.column}`]
      .filter(Boolean)
      .join(", ");
    super(
      `Query ${queryName} failed: ${cause.code ?? "no code"}${CONDITIONS[cause.code ?? ""] ? ` ${CONDITIONS[cause.code ?? ""]}` : ""}` +
        `${where ? ` (${where})` : ""}: ${cause.message}`,
      { cause },
    );
    this.code = cause.code;
    this.constraint = cause.constraint;
    this.table = cause.table;
    this.column = cause.column;
    this.queryName = queryName;
  }
}

/** The driver's error with only what cannot quote a value: its class, code, names and stack frames. */
export class SafeDriverError extends Error {
  readonly code: string | undefined;
  readonly severity: string | undefined;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly routine: string | undefined;

  constructor(original: unknown, depth = 0) {
    const fields = (typeof original === "object" && original !== null ? original : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof fields[key] === "string" ? (fields[key] as string) : undefined);
    const code = text("code");
    // The chain is kept, each link made safe the same way (a few links at most).
    const cause = fields.cause !== undefined && depth < 5 ? new SafeDriverError(fields.cause, depth + 1) : undefined;
    super(safeMessage(code, text("message"), text("syscall") !== undefined), cause ? { cause } : undefined);
    this.name = original instanceof Error ? original.name : "Error";
    this.code = code;
    this.severity = text("severity");
    // postgres.js and PGlite name these fields differently.
    this.constraint = text("constraint_name") ?? text("constraint");
    this.table = text("table_name") ?? text("table");
    this.column = text("column_name") ?? text("column");
    this.routine = text("routine");
    // Frames only: the first line of the original stack repeats the original message.
    const frames = (text("stack") ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    this.stack = [`${this.name}: ${this.message}`, ...frames].join("\n");
  }
}

/**
 * SQLSTATE classes whose messages are made of object names and fixed text only (constraint
 * violations name the constraint; their values are in `detail`, which is dropped). The messages of
 * our own triggers (P0, and 42501 for the append-only audit table) never format row values.
 * Class 22 (data exceptions) quotes the input after fixed text (`invalid input syntax for type
 * uuid: "…"`): only the text before the first quote is kept. Everything else is replaced.
 */
const SAFE_MESSAGE_CLASSES = new Set(["08", "0A", "23", "25", "28", "3B", "40", "42", "53", "54", "55", "57", "58", "P0"]);

function safeMessage(code: string | undefined, message: string | undefined, isSystemError: boolean): string {
  const withheld = `message withheld: it may quote a value${code ? ` (${CONDITIONS[code] ?? code})` : ""}`;
  if (message === undefined) return withheld;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    if (SAFE_MESSAGE_CLASSES.has(code.slice(0, 2))) return message;
    if (code.startsWith("22")) {
      const quote = message.indexOf('"');
      return quote < 0 ? message : `${message.slice(0, quote)}"…" (value withheld)`;
    }
    return withheld;
  }
  // Node's own network errors (connect ECONNREFUSED 127.0.0.1:5432) name hosts, not data.
  return isSystemError ? message : withheld;
}

/** Condition names of the codes this app meets, for people reading the log. */
const CONDITIONS: Record<string, string> = {
  "23505": "unique_violation",
  "23503": "foreign_key_violation",
  "23502": "not_null_violation",
  "23514": "check_violation",
  "23P01": "exclusion_violation",
  "22P02": "invalid_text_representation",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22021": "character_not_in_repertoire",
  "22P05": "untranslatable_character",
  "40001": "serialization_failure",
  "40P01": "deadlock_detected",
  "42501": "insufficient_privilege",
  "42P01": "undefined_table",
  "42703": "undefined_column",
  "55P03": "lock_not_available",
  "57014": "query_canceled",
  P0001: "raise_exception",
};

function safeDriverError(error: unknown): SafeDriverError {
  return error instanceof SafeDriverError ? error : new SafeDriverError(error);
}

/**
 * A name for the query that holds no value: the statement kind, the first table it names, and the
 * first 8 hex digits of the SHA-256 of its SQL text (to find it in the code), e.g.
 * `insert staff_users#1a2b3c4d`.
 */
export function queryName(sqlText: string): string {
  const fingerprint = createHash("sha256").update(sqlText).digest("hex").slice(0, 8);
  const text = sqlText.trim();
  // The table, schema-qualified where the SQL qualifies it (drizzle.__drizzle_migrations).
  const table = (pattern: RegExp) => {
    const match = pattern.exec(text);
    return match ? [match[1], match[2]].filter(Boolean).join(".") : undefined;
  };
  const ident = String.raw`"?([A-Za-z_][A-Za-z0-9_]*)"?(?:\."?([A-Za-z_][A-Za-z0-9_]*)"?)?`;
  const kind = /^[A-Za-z]+/.exec(text)?.[0]?.toLowerCase() ?? "query";
  const target =
    kind === "insert"
      ? table(new RegExp(String.raw`^insert\s+into\s+${ident}`, "i"))
      : kind === "update"
        ? table(new RegExp(String.raw`^update\s+${ident}`, "i"))
        : kind === "delete"
          ? table(new RegExp(String.raw`^delete\s+from\s+${ident}`, "i"))
          : table(new RegExp(String.raw`\sfrom\s+${ident}`, "i"));
  return `${kind}${target ? ` ${target}` : ""}#${fingerprint}`;
}

/** Whether `error` came from the database server (a SQLSTATE and a severity), not from our own code. */
function isServerError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && typeof severity === "string";
}

type QueryWithCache = (this: unknown, queryString: string, params: unknown[], query: () => Promise<unknown>) => Promise<unknown>;
type Transaction = (this: unknown, ...args: unknown[]) => Promise<unknown>;

const INSTALLED = Symbol.for("kotona.queryErrorsWithoutValues");

/**
 * Makes every failed query on both drivers throw a QueryError instead of drizzle's
 * DrizzleQueryError. drizzle 0.45 has no option for it (drizzle-orm issue #5939), so this wraps the
 * one method every prepared query of both drivers runs through (PgPreparedQuery#queryWithCache),
 * and the top-level transaction, whose BEGIN/COMMIT the drivers run themselves (a deferred
 * constraint fails at COMMIT with its values in `detail`). Idempotent.
 */
export function installQueryErrorsWithoutValues(): void {
  const prepared = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache } & Record<symbol, boolean>;
  if (prepared[INSTALLED]) return;
  const queryWithCache = prepared.queryWithCache;
  if (typeof queryWithCache !== "function") throw new Error("drizzle-orm changed: PgPreparedQuery#queryWithCache is gone; see db/query-error.ts");
  prepared.queryWithCache = async function (queryString, params, query) {
    try {
      return await queryWithCache.call(this, queryString, params, query);
    } catch (error) {
      if (error instanceof QueryError) throw error;
      // DrizzleQueryError: the driver's error is its cause.
      throw new QueryError(queryName(queryString), error instanceof Error && error.cause !== undefined ? error.cause : error);
    }
  };
  const database = PgDatabase.prototype as unknown as { transaction: Transaction };
  const transaction = database.transaction;
  database.transaction = async function (...args) {
    try {
      return await transaction.apply(this, args);
    } catch (error) {
      // Errors thrown by the caller's own code pass through untouched.
      if (!(error instanceof QueryError) && isServerError(error)) throw new QueryError("transaction", error);
      throw error;
    }
  };
  prepared[INSTALLED] = true;
}
