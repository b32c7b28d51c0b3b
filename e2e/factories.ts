import { randomBytes, randomInt } from "node:crypto";
import type { Page } from "@playwright/test";
import type { Sql } from "postgres";
import { minimalStoredAnswers } from "../demo/factories/intake-answers";
import { hashPassword } from "../lib/auth/passwords";
import type { StaffRole } from "../lib/auth/roles";
import { encryptField, lookupHash } from "../lib/crypto";
import { formatPersonalIdentityCode } from "../lib/personal-identity-code";
import { toSearchName } from "../lib/search-name";
import { expect, signIn } from "./fixtures";

/**
 * Staff and clients of an end-to-end test's own, made straight in the e2e server's database (the
 * test process runs with the server's keys, scripts/e2e.ts): a test that changes data never
 * shares the demo's accounts or clients with tests running beside it. Read-only checks may use the
 * demo's accounts (e2e/fixtures.ts `login`). Model: epic-stack `tests/playwright-utils.ts`.
 */

export const E2E_PASSWORD = "e2e-password-long-enough";
let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

export interface E2EStaff {
  id: string;
  email: string;
  role: StaffRole;
  displayName: string;
}

/** An active account with its role in force and its own password set (E2E_PASSWORD). */
export async function createStaff(sql: Sql, role: StaffRole, name = `E2E ${role}`): Promise<E2EStaff> {
  passwordHash ??= hashPassword(E2E_PASSWORD);
  const email = `${role}.${unique()}@e2e.kotona.example`;
  const [row] = await sql`
    insert into staff_users (email, display_name, role, password_hash)
    values (${email}, ${name}, ${role}, ${await passwordHash}) returning id`;
  return { id: row!.id as string, email, role, displayName: name };
}

/** Signs `staff` in on `page` and waits for the home page. */
export async function signInAs(page: Page, staff: E2EStaff): Promise<void> {
  await signIn(page, staff.email, E2E_PASSWORD);
  await expect(page).toHaveURL(/\/staff$/);
}

export interface E2EClient {
  id: string;
  clientNumber: string;
  firstNames: string;
  lastName: string;
  identityCode: string;
}

/**
 * An active client with an identity code (individual number 900–999: never a real person's); with
 * `plan`, an integration plan too (so the service-plan category has data to disclose).
 */
export async function createClient(sql: Sql, { assignedTo = null, plan = false }: { assignedTo?: string | null; plan?: boolean } = {}): Promise<E2EClient> {
  const dateOfBirth = `19${randomInt(60, 99)}-0${randomInt(1, 9)}-1${randomInt(0, 9)}`;
  const identityCode = formatPersonalIdentityCode({ dateOfBirth, individualNumber: randomInt(900, 1000) });
  const firstNames = `Testi${unique()}`;
  const lastName = `Asiakas${unique()}`;
  const clientNumber = `2026-9${String(randomInt(0, 100000)).padStart(5, "0")}`;
  const [row] = await sql`
    insert into clients (client_number, first_names, last_name, search_name, date_of_birth,
      personal_identity_code_encrypted, personal_identity_code_hash, basis, status, assigned_caseworker_id)
    values (${clientNumber}, ${firstNames}, ${lastName}, ${toSearchName(firstNames, lastName)}, ${dateOfBirth},
      ${encryptField(identityCode)}, ${lookupHash(identityCode)}, 'consent_written', 'active', ${assignedTo}) returning id`;
  const id = row!.id as string;
  if (plan) {
    await sql`
      insert into integration_plans (client_id, plan_date, goals, authors, created_by)
      values (${id}, ${new Date().toISOString().slice(0, 10)}, 'Suomen kieli A2; ammatillinen koulutus', 'Ohjaaja ja asiakas', ${assignedTo})`;
  }
  return { id, clientNumber, firstNames, lastName, identityCode };
}

/**
 * A pending intake submission claiming to be `client` (the same name and identity code) with other
 * contact details, as someone who knows the person's code could send it.
 */
export async function createClaimingSubmission(sql: Sql, client: E2EClient, contact: { phone: string; email: string }): Promise<{ id: string; reference: string }> {
  const [row] = await sql`select date_of_birth::text as dob from clients where id = ${client.id}`;
  const answers = {
    ...minimalStoredAnswers({ firstNames: client.firstNames, lastName: client.lastName, dateOfBirth: row!.dob as string, hasIdentityCode: true }),
    contact: { phone: contact.phone, email: contact.email },
  };
  const reference = `E2E${unique().toUpperCase()}`;
  const [submission] = await sql`
    insert into intake_submissions (reference, locale, answers, personal_identity_code_encrypted, personal_identity_code_hash)
    values (${reference}, 'en', ${sql.json(answers as Parameters<Sql["json"]>[0])}, ${encryptField(client.identityCode)}, ${lookupHash(client.identityCode)}) returning id`;
  return { id: submission!.id as string, reference };
}

/** A data subject's request about `client`, logged by letter today (issue 11): what the officer's pages open. */
export async function createDataSubjectRequest(
  sql: Sql,
  client: Pick<E2EClient, "id">,
  { kind = "access", receivedOn = new Date().toISOString().slice(0, 10), dueOn }: { kind?: string; receivedOn?: string; dueOn?: string } = {},
): Promise<string> {
  const [row] = await sql`
    insert into data_subject_requests (client_id, kind, channel, requester, received_on, due_on)
    values (${client.id}, ${kind}, 'signed_document', 'client', ${receivedOn}, ${dueOn ?? receivedOn}::date + interval '1 month') returning id`;
  return row!.id as string;
}
