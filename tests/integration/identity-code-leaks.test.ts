/**
 * Acceptance: "identity codes appear in no URL, no log line and no plain-text column".
 *
 * One database, one person with a (synthetic, temporary-range) identity code, and every code path
 * that touches the code: intake submission, review (view, duplicates), acceptance, a refused second
 * acceptance, search by the plain code, the case view, the audited reveal and a decryption failure.
 * All console and stdout/stderr output of the whole file is captured, and afterwards the output,
 * every text-like column of every table and the audit trail are searched for the code (with and
 * without its century sign). URLs are checked statically: no URL-building expression in the source
 * interpolates anything named like an identity code, and the client search is a POST form.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { format } from "node:util";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { openClientCase, revealIdentityCode, type StaffActor } from "@/db/client-access";
import { searchClients } from "@/db/client-search";
import { acceptSubmission } from "@/db/intake-decisions";
import { findPossibleDuplicates, viewSubmission } from "@/db/intake-queue";
import { Refusal } from "@/lib/refusal";
import { auditEvents, clients, intakeSubmissions } from "@/db/schema";
import { seedDemo } from "@/demo/seed";
import { getRegisterSettings } from "@/db/settings";
import { createStaff } from "@/demo/factories/staff";
import { DataKeyError, decryptField, lookupHash } from "@/lib/crypto";
import { formatPersonalIdentityCode, maskPersonalIdentityCode } from "@/lib/personal-identity-code";
import type { RegisterSettings } from "@/lib/register-settings";
import { createTestDatabase, testBackend } from "../helpers/database";
import { rawIntakeAnswers, rawRows, submitCompleteIntake, type RawIntakeAnswers } from "../helpers/intake";

const ROOT = path.resolve(__dirname, "../..");

// ---------------------------------------------------------------------------------------------
// Output capture: every console method and both process streams, for the whole file.

const captured: string[] = [];
const consoleMethods = ["log", "info", "warn", "error", "debug", "trace"] as const;

function captureAllOutput(): () => void {
  const restorers: Array<() => void> = [];
  for (const method of consoleMethods) {
    // Recorded as console would format it (util.format inspects objects and errors, with causes),
    // and swallowed: a leak must not reach the CI log either.
    const spy = vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(format(...args));
    });
    restorers.push(() => spy.mockRestore());
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    // Recorded and passed on (the test runner may write through these).
    const spy = vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk));
      return original(chunk, ...rest);
    }) as never);
    restorers.push(() => spy.mockRestore());
  }
  return () => restorers.forEach((restore) => restore());
}

// ---------------------------------------------------------------------------------------------
// Needles: a code as written (any case) and without its century sign ("270390-907A" → "270390907A").

function needlesFor(code: string): string[] {
  const upper = code.toUpperCase();
  return [upper, `${upper.slice(0, 6)}${upper.slice(7)}`];
}

/** The needles found in `text` (case-insensitively). */
function leaksIn(text: string, needles: readonly string[]): string[] {
  const haystack = text.toUpperCase();
  return needles.filter((needle) => haystack.includes(needle));
}

// ---------------------------------------------------------------------------------------------
// Static URL scan helpers.

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/**
 * The expression from the bracket at `open` to its match, and its "code": the same text with
 * string literals and the static parts of template literals blanked out (so `/intake/code` in a
 * literal path does not count, but `${code}` does).
 */
function readBalanced(src: string, open: number): { text: string; code: string } {
  const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
  const stack: string[] = [];
  let code = "";
  let i = open;
  for (; i < src.length && i - open < 5000; i++) {
    const ch = src[i]!;
    if (stack.at(-1) === "`") {
      if (ch === "\\") i++;
      else if (ch === "`") {
        stack.pop();
        code += " ";
      } else if (ch === "$" && src[i + 1] === "{") {
        stack.push("}");
        code += " ";
        i++;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      for (i++; i < src.length && src[i] !== ch && src[i] !== "\n"; i++) if (src[i] === "\\") i++;
      code += " ";
      continue;
    }
    if (ch === "/" && src[i + 1] === "/") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (ch === "`") {
      stack.push("`");
      continue;
    }
    if (closers[ch]) {
      stack.push(closers[ch]!);
      code += ch;
      continue;
    }
    if (ch === ")" || ch === "]" || ch === "}") {
      stack.pop();
      code += ch;
      if (stack.length === 0) break;
      continue;
    }
    code += ch;
  }
  return { text: src.slice(open, i + 1), code };
}

/** Anything that can put a value into a URL: links, redirects, router navigation, URL objects, query strings. */
const URL_SINKS =
  /\b(?:href|action|formAction)\s*=\s*(?=\{)|\b(?:redirect|permanentRedirect|router\.(?:push|replace|prefetch)|NextResponse\.redirect|Response\.redirect|new\s+URL|new\s+URLSearchParams|searchParams\.(?:set|append)|revalidatePath)\s*(?=\()/g;

/** An identifier that names (or may hold) an identity code. Deliberately broad: `code` itself counts. */
const IDENTITY_IDENTIFIER = /^(?:code|.*identity_?code.*|.*hetu.*|henkilotunnus|ssn|pic)$/i;

interface UrlSite {
  file: string;
  line: number;
  text: string;
  suspects: string[];
}

function urlSites(file: string, src: string): UrlSite[] {
  const sites: UrlSite[] = [];
  for (const match of src.matchAll(URL_SINKS)) {
    const open = match.index + match[0].length;
    const { text, code } = readBalanced(src, open);
    const identifiers = code.match(/[A-Za-z_$][\w$]*/g) ?? [];
    sites.push({
      file: path.relative(ROOT, file),
      line: src.slice(0, match.index).split("\n").length,
      text: `${match[0]}${text}`.slice(0, 200),
      suspects: [...new Set(identifiers.filter((id) => IDENTITY_IDENTIFIER.test(id)))],
    });
  }
  return sites;
}

// ---------------------------------------------------------------------------------------------

function tag(): string {
  return [...randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
}

describe(`identity codes leak nowhere on ${testBackend()}`, () => {
  let restoreOutput: () => void = () => {};
  let handle: DatabaseHandle;
  let db: Executor;
  let settings: RegisterSettings;
  let coordinator: StaffActor;

  // The person: unique names, a valid code in the temporary range (never a real person's).
  const t = tag();
  const raw: RawIntakeAnswers = rawIntakeAnswers(41);
  const dateOfBirth = raw.about.dateOfBirth as string;
  const code = formatPersonalIdentityCode({ dateOfBirth, individualNumber: 907 });
  const firstNames = `Leakcheck${t}`;
  const lastName = `Hetutest${t}`;
  raw.about = { ...raw.about, firstNames, lastName, hasIdentityCode: "yes", personalIdentityCode: code };
  raw.contact = { ...raw.contact, email: `l${t}@example.org` };

  let submissionId: string;
  let clientId: string;
  /** Every identity code the database holds at the end (ours and the seeded clients'), for the scans. */
  let allNeedles: string[] = [];

  beforeAll(async () => {
    restoreOutput = captureAllOutput();
    handle = await createTestDatabase();
    db = handle.db;
    await seedDemo({ db, demoAccounts: false, clients: 5 });
    settings = await getRegisterSettings({ db });
    const user = await createStaff(db, { role: "coordinator", email: `koordinaattori.${t}@example.invalid`, displayName: "Koordinaattori", password: `pw-${t}-${t}` });
    coordinator = { userId: user.id, role: "coordinator", sessionId: randomUUID(), requestId: `req-${t}` };
  });

  afterAll(async () => {
    await handle?.close();
    restoreOutput();
  });

  it("uses a valid code whose separator-less form differs from it", () => {
    expect(code).toMatch(/^\d{6}-9\d{2}[0-9A-Y]$/);
    expect(needlesFor(code)).toEqual([code, code.replace("-", "")]);
  });

  // --- The code paths ---------------------------------------------------------------------------

  it("submitIntake keeps the code only encrypted and hashed", async () => {
    ({ submissionId } = await submitCompleteIntake({ db, settings, raw }));
    const [row] = await db.select().from(intakeSubmissions).where(eq(intakeSubmissions.id, submissionId));
    expect(decryptField(row!.personalIdentityCodeEncrypted!)).toBe(code);
    expect(row!.personalIdentityCodeHash).toBe(lookupHash(code));
    expect(leaksIn(JSON.stringify(row!.answers), needlesFor(code))).toEqual([]);
  });

  it("viewSubmission and findPossibleDuplicates show the code masked only", async () => {
    const view = await viewSubmission({ db, actor: coordinator, submissionId });
    expect(view).toMatchObject({ id: submissionId, hasIdentityCode: true, maskedIdentityCode: maskPersonalIdentityCode(code) });
    expect(leaksIn(JSON.stringify(view), needlesFor(code))).toEqual([]);

    const duplicates = await findPossibleDuplicates({ db, submissionId, actor: coordinator });
    expect(duplicates).toEqual([]); // Nobody has the code yet.
    expect(leaksIn(JSON.stringify(duplicates), needlesFor(code))).toEqual([]);
  });

  it("acceptSubmission makes a client that holds the code only encrypted and hashed", async () => {
    const result = await acceptSubmission({ db, actor: coordinator, input: { submissionId } });
    clientId = result.clientId;
    expect(leaksIn(JSON.stringify(result), needlesFor(code))).toEqual([]);
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    expect(decryptField(client!.personalIdentityCodeEncrypted!)).toBe(code);
    expect(client!.personalIdentityCodeHash).toBe(lookupHash(code));
  });

  it("searchClients by the plain code finds the client and returns no code", async () => {
    for (const text of [code, ` ${code.toLowerCase()} `]) {
      const result = await searchClients({ db, query: { text } });
      expect(result.kind).toBe("identityCode");
      expect(result.rows.map((row) => row.id)).toEqual([clientId]);
      expect(leaksIn(JSON.stringify(result), needlesFor(code))).toEqual([]);
    }
  });

  it("openClientCase masks the code; revealIdentityCode returns it, audited without it", async () => {
    const opened = await openClientCase({ db, actor: coordinator, clientId });
    expect(opened.access).toMatchObject({ kind: "allowed", basis: "coordinator" });
    if (!("client" in opened)) throw new Error("the coordinator was refused the case");
    expect(opened.client).toMatchObject({ id: clientId, hasIdentityCode: true, maskedIdentityCode: maskPersonalIdentityCode(code) });
    expect(opened.client).not.toHaveProperty("personalIdentityCodeEncrypted");
    expect(leaksIn(JSON.stringify(opened), needlesFor(code))).toEqual([]);

    // The one place the plain code is returned: to the caller, never to a log or the audit trail.
    expect(await revealIdentityCode({ db, actor: coordinator, clientId })).toBe(code);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.clientId, clientId));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["client.viewed", "client.identity_code_revealed"]));
  });

  it("a second acceptance of the same code fails with an error that does not carry the code", async () => {
    const second = await submitCompleteIntake({ db, settings, raw });
    const error = await acceptSubmission({ db, actor: coordinator, input: { submissionId: second.submissionId } }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Refusal);
    const reviewError = error as Refusal;
    expect(reviewError.code).toBe("duplicate_identity_code");
    expect(reviewError.clientIds).toEqual([clientId]);
    expect(leaksIn(`${reviewError.message}\n${reviewError.stack}\n${JSON.stringify(reviewError)}`, needlesFor(code))).toEqual([]);
    // As an action's catch-all would log it: captured, and checked with all other output below.
    console.error("accept failed", reviewError);
  });

  it("a DataKeyError from decryptField with a wrong key does not carry the code", async () => {
    const [client] = await db.select().from(clients).where(eq(clients.id, clientId));
    const error = (() => {
      try {
        decryptField(client!.personalIdentityCodeEncrypted!, Buffer.alloc(32, 9));
        return null;
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DataKeyError);
    const keyError = error as DataKeyError;
    expect(leaksIn(`${keyError.message}\n${keyError.stack}\n${String(keyError.cause)}`, needlesFor(code))).toEqual([]);
    // As the health check logs a failure: captured, and checked below.
    console.error("health check failed", keyError);
  });

  // --- The assertions over everything the paths above left behind --------------------------------

  it("collects every identity code in the database (ours and the seeded clients')", async () => {
    const held = await db.select({ encrypted: clients.personalIdentityCodeEncrypted }).from(clients);
    const codes = held.flatMap((row) => (row.encrypted ? [decryptField(row.encrypted)] : []));
    expect(codes).toContain(code);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    allNeedles = [...new Set(codes.flatMap(needlesFor))];
  });

  it("(1) no captured output line contains an identity code", () => {
    // Proves the capture works: the errors logged above were recorded.
    const joined = captured.join("\n");
    expect(joined).toContain("accept failed");
    expect(joined).toContain("DataKeyError");
    const leaking = captured.flatMap((chunk) => chunk.split("\n")).filter((line) => leaksIn(line, allNeedles).length > 0);
    expect(leaking).toEqual([]);
  });

  it("(2) no text, varchar, json(b) or array column of any table holds an identity code", async () => {
    const columns = await rawRows<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
      db,
      sql`select c.table_schema, c.table_name, c.column_name, c.data_type from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where t.table_type = 'BASE TABLE' and c.table_schema not in ('pg_catalog', 'information_schema')
            and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
          order by c.table_schema, c.table_name, c.ordinal_position`,
    );
    const byTable = new Map<string, { schema: string; table: string; columns: string[] }>();
    for (const c of columns) {
      const key = `${c.table_schema}.${c.table_name}`;
      const entry = byTable.get(key) ?? { schema: c.table_schema, table: c.table_name, columns: [] };
      entry.columns.push(c.column_name);
      byTable.set(key, entry);
    }
    expect(byTable.size).toBeGreaterThan(20);

    const found: string[] = [];
    let sawOurLastName = false;
    for (const [key, { schema, table, columns: names }] of byTable) {
      const select = sql.join(
        names.map((name) => sql`${sql.identifier(name)}::text as ${sql.identifier(name)}`),
        sql`, `,
      );
      const rows = await rawRows<Record<string, string | null>>(db, sql`select ${select} from ${sql.identifier(schema)}.${sql.identifier(table)}`);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (value === null) continue;
          if (key === "public.clients" && column === "last_name" && value === lastName) sawOurLastName = true;
          for (const needle of leaksIn(value, allNeedles)) found.push(`${key}.${column} contains ${needle}`);
        }
      }
    }
    // Proves the scan reads real rows: it sees the person's name where it belongs.
    expect(sawOurLastName).toBe(true);
    expect(found).toEqual([]);
  });

  it("(3) no audit event's details or reason holds an identity code", async () => {
    const rows = await db.select({ action: auditEvents.action, details: auditEvents.details, reason: auditEvents.reason }).from(auditEvents);
    // Every path above was audited, so the trail is not empty by accident.
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(["intake.viewed", "intake.duplicates_viewed", "intake.accepted", "client.viewed", "client.identity_code_revealed"]),
    );
    const leaking = rows.filter((row) => leaksIn(`${JSON.stringify(row.details)}\n${row.reason ?? ""}`, allNeedles).length > 0);
    expect(leaking).toEqual([]);
  });

  // --- URLs ---------------------------------------------------------------------------------------

  it("(4a) the URL scanner flags an interpolated code and passes ids and literal paths", () => {
    const sample = [
      "redirect(`/staff/clients?q=${identityCode}`);",
      "<a href={`/x/${client.personalIdentityCode}`}>x</a>",
      'router.push("/search?c=" + code);',
      "const u = new URL(`/x?${new URLSearchParams({ hetu })}`, base);",
      "redirect(`/staff/clients/${input.clientId}`);",
      '<Link href="/staff/intake/code">x</Link>',
      "<a href={`/${locale}/intake/${encodeURIComponent(step)}`}>x</a>",
    ].join("\n");
    const sites = urlSites("sample.tsx", sample);
    expect(sites.map((site) => site.suspects)).toEqual([["identityCode"], ["personalIdentityCode"], ["code"], ["hetu"], ["hetu"], [], []]);
  });

  it("(4b) no URL built in app/, components/, lib/ or db/ interpolates anything named like an identity code", () => {
    const files = ["app", "components", "lib", "db"].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    const sites = files.flatMap((file) => urlSites(file, readFileSync(file, "utf8")));
    // Proves the scan finds the app's links and redirects.
    expect(sites.length).toBeGreaterThan(20);
    expect(sites.some((site) => site.file.startsWith("app/staff") && site.text.startsWith("redirect("))).toBe(true);
    const suspicious = sites.filter((site) => site.suspects.length > 0).map((site) => `${site.file}:${site.line} ${site.text} [${site.suspects.join(", ")}]`);
    expect(suspicious).toEqual([]);
  });

  it("(4c) the client search is a POST server-action form; its page reads no query string; no GET form has a typed field", () => {
    const form = readFileSync(path.join(ROOT, "app/staff/clients/search-form.tsx"), "utf8");
    expect(form).toMatch(/<form\b[^>]*\baction=\{\s*formAction\s*\}/);
    expect(form).not.toMatch(/method\s*=\s*\{?\s*["'`]?get/i);
    expect(form).toMatch(/name="text"/);
    const page = readFileSync(path.join(ROOT, "app/staff/clients/page.tsx"), "utf8");
    expect(page).not.toMatch(/searchParams/);
    const actions = readFileSync(path.join(ROOT, "app/staff/clients/actions.ts"), "utf8");
    expect(actions).toMatch(/^["']use server["']/m);
    expect(actions).toMatch(/export const searchClientsAction\b/);

    // A GET form may only choose among fixed values (a recipient, a staff member, a date): nothing
    // typed into it can reach a URL. Its file has no text field, search field or text area at all.
    const getFormsWithTypedFields = ["app", "components"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /<form\b[^>]*method\s*=\s*\{?\s*["'`]get/i.test(readFileSync(file, "utf8")))
      .filter((file) => /<textarea\b|<input\b(?![^>]*\btype=["'](?:date|hidden|checkbox|radio)["'])/i.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(getFormsWithTypedFields).toEqual([]);
  });
});
