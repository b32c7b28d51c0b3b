import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { roleHasPermission } from "@/lib/auth/permissions";
import { decryptField, encryptField, lookupHash } from "@/lib/crypto";
import { instantOfDay, registerYear } from "@/lib/helsinki-time";
import { normalizePhone } from "@/lib/forms/fields";
import { normalizePersonalIdentityCode, parsePersonalIdentityCode } from "@/lib/personal-identity-code";
import { refuse } from "@/lib/refusal";
import { toSearchName } from "@/lib/search-name";
import type { IdentityContactInput, WalkInClientInput } from "@/lib/validations/client-details";
import { recordAuditEvent } from "./audit";
import { audit, fieldsGiven, inserted, openForWrite, PERSON_DETAILS, type CaseWrite, type CaseWriteResult } from "./case-write";
import { nextClientNumber } from "./client-numbers";
import type { Transaction } from "./connection";
import { clients, consents } from "./schema";
import { getRegisterSettings } from "./settings";

/**
 * The person's own details, kept by staff: registering a client met at a visit (walk-in, DESIGN.md
 * rule 1) and the identity and contact details. The records that describe the person (permits,
 * family, skills, work, education) are in db/client-records.ts; the service's case work is in
 * db/case-work.ts. Every write follows the recipe of db/case-write.ts. The identity code is kept only
 * encrypted and as its keyed hash (rule 8), and one write per code at a time, whichever path.
 */

// ---------------------------------------------------------------------------------------------
// Shared steps

/** The advisory-lock namespace db/intake-review.ts uses: one write per identity code at a time, whichever path. */
const IDENTITY_CODE_LOCK = 71_405_120;

export const orNull = <T>(value: T | undefined): T | null => value ?? null;
export const yes = (value: "yes" | "no" | undefined): boolean | null => (value === undefined ? null : value === "yes");

/** The identity code's keyed hash, after taking the code's lock; refuses one another client holds. */
async function claimIdentityCode(tx: Transaction, code: string, exceptClientId: string | null): Promise<{ encrypted: string; hash: string }> {
  const normalized = normalizePersonalIdentityCode(code);
  const hash = lookupHash(normalized);
  await tx.execute(sql`select pg_advisory_xact_lock(${IDENTITY_CODE_LOCK}, hashtext(${hash}))`);
  const holder = exceptClientId
    ? and(eq(clients.personalIdentityCodeHash, hash), ne(clients.id, exceptClientId))
    : eq(clients.personalIdentityCodeHash, hash);
  const [other] = await tx.select({ id: clients.id }).from(clients).where(holder).limit(1);
  if (other) throw refuse("client", "duplicate_identity_code", "Another client has this identity code", { clientId: exceptClientId, clientIds: [other.id] });
  return { encrypted: encryptField(normalized), hash };
}

/** The identity and contact columns as the input sets them (the identity code apart). */
function identityContactColumns(input: Omit<IdentityContactInput, "clientId">) {
  return {
    firstNames: input.firstNames,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth,
    gender: input.gender && input.gender !== "prefer_not_to_say" ? input.gender : null,
    phone: orNull(input.phone),
    email: orNull(input.email),
    streetAddress: orNull(input.streetAddress),
    postalCode: orNull(input.postalCode),
    postOffice: orNull(input.postOffice),
    homeMunicipality: orNull(input.homeMunicipality),
    preferredLanguage: orNull(input.preferredLanguage),
    interpreterNeeded: input.interpreterNeeded === "yes",
    interpreterLanguage: input.interpreterNeeded === "yes" ? orNull(input.interpreterLanguage) : null,
    citizenships: [input.citizenship, input.otherCitizenship].filter((value): value is string => value !== undefined),
  };
}

// ---------------------------------------------------------------------------------------------
// A client registered at a visit

/**
 * Registers a client met in person (DESIGN.md rule 1), caseworkers and coordinators only. Where the
 * register's basis is consent, only with written consent: the storage consent is recorded with the
 * day the paper was signed, its reference and the staff member recording it. Where the basis is the
 * legal obligation, either basis is allowed, and no consent is recorded for the legal obligation.
 * A caseworker gets the client on their caseload. Returns the client's id.
 */
export async function createWalkInClient({ db, actor, input, now = new Date() }: CaseWrite<WalkInClientInput> & { now?: Date }): Promise<CaseWriteResult> {
  if (!roleHasPermission(actor.role, "client:write") || (actor.role !== "caseworker" && actor.role !== "coordinator")) {
    throw refuse("case", "forbidden", "Only caseworkers and coordinators register clients");
  }
  return db.transaction(async (tx) => {
    const settings = await getRegisterSettings({ db: tx });
    if (settings.legalBasis.kind === "consent" && input.basis !== "consent_written") {
      throw refuse("client", "basis_not_allowed", "The register's basis is consent: record the client's written consent");
    }
    const written = input.basis === "consent_written";
    if (written && (!input.writtenConsentDate || !input.paperReference)) {
      throw refuse("client", "basis_not_allowed", "Written consent needs the date it was given and the paper's reference");
    }
    const code = input.personalIdentityCode ? await claimIdentityCode(tx, input.personalIdentityCode, null) : null;
    const clientNumber = await nextClientNumber(tx, registerYear(now));
    const [client] = await tx
      .insert(clients)
      .values({
        clientNumber,
        ...identityContactColumns(input),
        searchName: toSearchName(input.firstNames, input.lastName),
        personalIdentityCodeEncrypted: code?.encrypted ?? null,
        personalIdentityCodeHash: code?.hash ?? null,
        clientGroup: input.clientGroup,
        basis: input.basis,
        status: "active",
        assignedCaseworkerId: actor.role === "caseworker" ? actor.userId : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: clients.id });
    const { id: clientId } = inserted(client, "client");

    let consentId: string | null = null;
    if (written) {
      const consentDate = input.writtenConsentDate!;
      const [consent] = await tx
        .insert(consents)
        .values({
          clientId,
          kind: "storage",
          granted: true,
          purpose: settings.register.purpose.fi,
          // Given today: now; on an earlier day: the start of that day in Helsinki.
          givenAt: instantOfDay(consentDate, now),
          channel: "written",
          paperReference: input.paperReference!,
          recordedBy: actor.userId,
          createdAt: now,
        })
        .returning({ id: consents.id });
      consentId = inserted(consent, "consent").id;
    }

    await recordAuditEvent(tx, {
      actorId: actor.userId,
      action: "client.created",
      clientId,
      details: {
        basis: input.basis,
        fields: fieldsGiven(input, "basis", "writtenConsentDate", "paperReference"),
        ...(consentId ? { consentId, consentFields: ["writtenConsentDate", "paperReference"] } : {}),
        assignedCaseworkerId: actor.role === "caseworker" ? actor.userId : null,
      },
      requestId: actor.requestId,
    });
    return { clientId, id: clientId };
  });
}

// ---------------------------------------------------------------------------------------------
// Identity and contact

const sameArray = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

export interface IdentityContactUpdate {
  clientId: string;
  /** The input fields whose value changed; none means nothing was written or logged. */
  changedFields: string[];
}

/**
 * Updates the client's identity and contact details. Only what changed is written, and the event
 * names only those fields. A new identity code is encrypted and hashed again, and refused when
 * another client holds it; an empty one keeps the current code, which must still name the date of
 * birth given.
 */
export async function updateIdentityContact({ db, actor, input, now = new Date() }: CaseWrite<IdentityContactInput> & { now?: Date }): Promise<IdentityContactUpdate> {
  return db.transaction(async (tx) => {
    const target = await openForWrite(tx, actor, input.clientId, PERSON_DETAILS);
    const current = target.row;
    const next = identityContactColumns(input);
    const changed: string[] = [];
    const patch: Partial<typeof clients.$inferInsert> = {};

    const scalar = [
      "firstNames",
      "lastName",
      "dateOfBirth",
      "gender",
      "phone",
      "email",
      "streetAddress",
      "postalCode",
      "postOffice",
      "homeMunicipality",
      "preferredLanguage",
      "interpreterNeeded",
      "interpreterLanguage",
    ] as const;
    for (const key of scalar) {
      // A phone stored in another notation (imported, or typed before normalising) is the same number.
      const stored = key === "phone" && current.phone ? (normalizePhone(current.phone) ?? current.phone) : current[key];
      if (stored !== next[key]) {
        changed.push(key);
        Object.assign(patch, { [key]: next[key] });
      }
    }
    if (!sameArray(current.citizenships, next.citizenships)) {
      if ((current.citizenships[0] ?? null) !== (next.citizenships[0] ?? null)) changed.push("citizenship");
      if (!sameArray(current.citizenships.slice(1), next.citizenships.slice(1))) changed.push("otherCitizenship");
      patch.citizenships = next.citizenships;
    }
    if (patch.firstNames !== undefined || patch.lastName !== undefined) patch.searchName = toSearchName(input.firstNames, input.lastName);

    if (input.personalIdentityCode) {
      const hash = lookupHash(normalizePersonalIdentityCode(input.personalIdentityCode));
      if (hash !== current.personalIdentityCodeHash) {
        const code = await claimIdentityCode(tx, input.personalIdentityCode, target.clientId);
        patch.personalIdentityCodeEncrypted = code.encrypted;
        patch.personalIdentityCodeHash = code.hash;
        changed.push("personalIdentityCode");
      }
    } else if (current.personalIdentityCodeEncrypted && patch.dateOfBirth !== undefined) {
      const parsed = parsePersonalIdentityCode(decryptField(current.personalIdentityCodeEncrypted));
      if (parsed.ok && parsed.dateOfBirth !== input.dateOfBirth) {
        throw refuse("client", "identity_code_date_mismatch", "The client's identity code names another date of birth");
      }
    }

    if (changed.length === 0) return { clientId: target.clientId, changedFields: [] };
    await tx
      .update(clients)
      .set({ ...patch, updatedAt: now })
      .where(eq(clients.id, target.clientId));
    await audit(tx, actor, target, "client.updated", { fields: changed });
    return { clientId: target.clientId, changedFields: changed };
  });
}

