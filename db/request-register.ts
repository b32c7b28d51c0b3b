import "server-only";
import { and, asc, desc, eq, inArray, like, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { StaffActor } from "@/lib/auth/client-access";
import { containsPattern, nameSearchWords } from "@/lib/client-search";
import type { RequestKind } from "@/lib/domain-values";
import { isUuid } from "@/lib/forms/uuid";
import { refuse } from "@/lib/refusal";
import { currentDueOn, deadlineMark, dueSoonUntil } from "@/lib/rights/deadlines";
import { defaultReplyLanguage } from "@/lib/rights/requester";
import type { FindRequestClientInput } from "@/lib/validations/requests";
import { recordAuditEvent } from "./audit";
import { clientAccess } from "./client-access";
import { searchClients } from "./client-search";
import type { Executor } from "./connection";
import { guardianRecordsOf, mayHandleRequests, requestForDpo } from "./requests";
import { clients, dataSubjectRequests, familyMembers, staffUsers } from "./schema";

/**
 * What the request register's pages read (the writes are db/requests.ts): finding the client a
 * request concerns, the client and their guardians as the logging form shows them, the officer's
 * list, the requests due soon on the officer's home page, and one request in full. Every read that
 * shows a client is audited with the ids of the clients shown.
 */

const MAX_MATCHES = 10;

/**
 * The client a request concerns, found by the identity code (through the keyed hash: the code is
 * never compared, stored or logged) or by name and date of birth. Exactly one must match: none is
 * refused, and so are several (the officer then asks for the identity code). The search is audited
 * by its kind and the clients found, never by what was typed.
 */
export async function findClientForRequest({ db, actor, input }: { db: Executor; actor: StaffActor; input: FindRequestClientInput }): Promise<{ clientId: string }> {
  let found: string[];
  let kind: "identityCode" | "nameAndDateOfBirth";
  if (input.identityCode) {
    kind = "identityCode";
    found = (await searchClients({ db, query: { text: input.identityCode }, pageSize: MAX_MATCHES })).rows.map((row) => row.id);
  } else {
    kind = "nameAndDateOfBirth";
    const words = nameSearchWords(`${input.firstNames ?? ""} ${input.lastName ?? ""}`);
    const conditions: SQL[] = [eq(clients.dateOfBirth, input.dateOfBirth ?? "")];
    for (const word of words) conditions.push(like(clients.searchName, containsPattern(word)));
    found = (await db.select({ id: clients.id }).from(clients).where(and(...conditions)).limit(MAX_MATCHES)).map((row) => row.id);
  }
  await recordAuditEvent(db, { actorId: actor.userId, action: "request.client_searched", details: { kind, count: found.length, clientIds: found }, requestId: actor.requestId });
  const field = kind === "identityCode" ? "identityCode" : "lastName";
  if (found.length === 0) throw refuse("request", "client_not_found", "No client matches", { field });
  if (found.length > 1) throw refuse("request", "ambiguous_client", "Several clients match", { field, clientIds: found });
  return { clientId: found[0]! };
}

/**
 * The client as the logging form shows them, with the family records that name their guardians;
 * null when the staff member may not log for them (a caseworker's access rule, for whom another
 * caseworker's client needs a stated reason first). Audited as a view of the client.
 */
export async function clientForRequestForm({ db, actor, clientId }: { db: Executor; actor: StaffActor; clientId: string }) {
  if (!isUuid(clientId)) return { kind: "not_found" as const };
  if (!mayHandleRequests(actor)) {
    const access = await clientAccess({ db, actor, clientId });
    if (access.kind !== "allowed") return { kind: access.kind };
  }
  const [client] = await db
    .select({ id: clients.id, clientNumber: clients.clientNumber, firstNames: clients.firstNames, lastName: clients.lastName, dateOfBirth: clients.dateOfBirth, preferredLanguage: clients.preferredLanguage })
    .from(clients)
    .where(eq(clients.id, clientId));
  if (!client) return { kind: "not_found" as const };
  const guardians = await guardianRecordsOf(db, clientId);
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "client.viewed",
    clientId,
    details: { view: "request_form", guardianClientIds: guardians.map((g) => g.clientId) },
    requestId: actor.requestId,
  });
  return { kind: "allowed" as const, client, guardians, replyLanguage: defaultReplyLanguage(client.preferredLanguage) };
}

const listColumns = {
  id: dataSubjectRequests.id,
  kind: dataSubjectRequests.kind,
  status: dataSubjectRequests.status,
  decision: dataSubjectRequests.decision,
  requester: dataSubjectRequests.requester,
  receivedOn: dataSubjectRequests.receivedOn,
  dueOn: dataSubjectRequests.dueOn,
  extendedDueOn: dataSubjectRequests.extendedDueOn,
  clientId: dataSubjectRequests.clientId,
  clientNumber: clients.clientNumber,
  firstNames: clients.firstNames,
  lastName: clients.lastName,
};

/** The request's due date now, and its mark on today's Helsinki day while it is open. */
function withDeadline<R extends { status: string; dueOn: string; extendedDueOn: string | null }>(row: R, today: string) {
  const due = currentDueOn(row);
  return { ...row, currentDueOn: due, mark: row.status === "closed" ? null : deadlineMark(due, today) };
}

const currentDue = sql<string>`coalesce(${dataSubjectRequests.extendedDueOn}, ${dataSubjectRequests.dueOn})`;

export const REQUEST_PAGE_SIZE = 50;

/** The officer's register: open (soonest due first), closed (latest first) or all, a page at a time. */
export async function listRequests({
  db,
  actor,
  filter,
  now = new Date(),
}: {
  db: Executor;
  actor: StaffActor;
  filter: { show: "open" | "closed" | "all"; kind?: RequestKind; page: number };
  now?: Date;
}) {
  if (!mayHandleRequests(actor)) return { rows: [], hasMore: false };
  const conditions: SQL[] = [];
  if (filter.show === "open") conditions.push(ne(dataSubjectRequests.status, "closed"));
  if (filter.show === "closed") conditions.push(eq(dataSubjectRequests.status, "closed"));
  if (filter.kind) conditions.push(eq(dataSubjectRequests.kind, filter.kind));
  const rows = await db
    .select(listColumns)
    .from(dataSubjectRequests)
    .leftJoin(clients, eq(clients.id, dataSubjectRequests.clientId))
    .where(and(...conditions))
    .orderBy(filter.show === "open" ? asc(currentDue) : desc(dataSubjectRequests.receivedOn), desc(dataSubjectRequests.createdAt))
    .limit(REQUEST_PAGE_SIZE + 1)
    .offset((filter.page - 1) * REQUEST_PAGE_SIZE);
  const page = rows.slice(0, REQUEST_PAGE_SIZE);
  const { today } = dueSoonUntil(now);
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "request.list_viewed",
    details: { list: "register", show: filter.show, kind: filter.kind ?? null, page: filter.page, clientIds: [...new Set(page.flatMap((row) => (row.clientId ? [row.clientId] : [])))] },
    requestId: actor.requestId,
  });
  return { rows: page.map((row) => withDeadline(row, today)), hasMore: rows.length > REQUEST_PAGE_SIZE };
}

/**
 * The officer's home: open requests due within seven days and every overdue one, on Helsinki's day
 * (lib/rights/deadlines.ts dueSoonUntil, the bound of the rule deadlineMark). Audited with the
 * clients it names.
 */
export async function requestsDueSoon({ db, actor, now = new Date() }: { db: Executor; actor: StaffActor; now?: Date }) {
  if (!mayHandleRequests(actor)) return [];
  const { today, until } = dueSoonUntil(now);
  const rows = await db
    .select(listColumns)
    .from(dataSubjectRequests)
    .leftJoin(clients, eq(clients.id, dataSubjectRequests.clientId))
    .where(and(ne(dataSubjectRequests.status, "closed"), sql`${currentDue} <= ${until}`))
    .orderBy(asc(currentDue), asc(dataSubjectRequests.receivedOn))
    .limit(100);
  await recordAuditEvent(db, {
    actorId: actor.userId,
    action: "request.list_viewed",
    details: { list: "dpo_home", clientIds: [...new Set(rows.flatMap((row) => (row.clientId ? [row.clientId] : [])))] },
    requestId: actor.requestId,
  });
  return rows.map((row) => withDeadline(row, today));
}

/**
 * One request in full for its page: the row and client (requestForDpo, audited as a view), the
 * names of the staff who took its steps, and the family record that names the guardianship.
 */
export async function requestDetail({ db, actor, requestId, now = new Date() }: { db: Executor; actor: StaffActor; requestId: string; now?: Date }) {
  const request = await requestForDpo({ db, actor, requestId });
  if (!request) return null;
  const staffIds = [request.loggedBy, request.identityVerifiedBy, request.extendedBy, request.decidedBy, request.closedBy].filter((id): id is string => id !== null);
  const names = staffIds.length
    ? new Map((await db.select({ id: staffUsers.id, name: staffUsers.displayName }).from(staffUsers).where(inArray(staffUsers.id, staffIds))).map((s) => [s.id, s.name]))
    : new Map<string, string>();
  const guardianClient = alias(clients, "guardian_client");
  const [guardianship] = request.guardianFamilyMemberId
    ? await db
        .select({
          recordId: familyMembers.id,
          relation: familyMembers.relation,
          clientIsGuardian: familyMembers.clientIsGuardian,
          guardianClientId: guardianClient.id,
          guardianClientNumber: guardianClient.clientNumber,
          guardianFirstNames: guardianClient.firstNames,
          guardianLastName: guardianClient.lastName,
        })
        .from(familyMembers)
        .innerJoin(guardianClient, eq(guardianClient.id, familyMembers.clientId))
        .where(eq(familyMembers.id, request.guardianFamilyMemberId))
    : [];
  if (guardianship) {
    // The guardian is a client too: their name on this page is a look at their data.
    await recordAuditEvent(db, {
      actorId: actor.userId,
      action: "client.viewed",
      clientId: guardianship.guardianClientId,
      details: { view: "request_guardianship", dataSubjectRequestId: request.id },
      requestId: actor.requestId,
    });
  }
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  return {
    ...withDeadline(request, dueSoonUntil(now).today),
    staffNames: {
      loggedBy: nameOf(request.loggedBy),
      identityVerifiedBy: nameOf(request.identityVerifiedBy),
      extendedBy: nameOf(request.extendedBy),
      decidedBy: nameOf(request.decidedBy),
      closedBy: nameOf(request.closedBy),
    },
    guardianship: guardianship ?? null,
  };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof requestDetail>>>;
export type RequestListRow = Awaited<ReturnType<typeof listRequests>>["rows"][number];
