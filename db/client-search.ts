import "server-only";
import { and, asc, count, eq, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { lookupHash } from "@/lib/crypto";
import { containsPattern, exactNameOf, interpretSearchText, isExactSearch, type SearchTextKind } from "@/lib/client-search";
import { clientGroups, type ClientGroup } from "@/lib/domain-values";
import { isUuid } from "@/lib/forms/uuid";
import type { Executor } from "./connection";
import { clients, clientStatus } from "./schema";

export { interpretSearchText } from "@/lib/client-search";

export type ClientStatus = (typeof clientStatus.enumValues)[number];

export interface ClientSearchQuery {
  /** The search box: identity code, client number, date of birth or (otherwise) name; see interpretSearchText. */
  text?: string;
  status?: ClientStatus;
  clientGroup?: ClientGroup;
  /** A staff user's id, or "unassigned" for clients with no caseworker. */
  caseworkerId?: string | "unassigned";
  /**
   * A caseworker's search (lib/auth/client-access.ts searchScopeOf): unless the text finds one client
   * exactly, only this caseworker's clients, unassigned ones, and others whose whole name is the text.
   */
  ownAndUnassignedOf?: string;
}

/** What a result list shows. Deliberately no identity code, not even encrypted. */
export interface ClientSearchRow {
  id: string;
  clientNumber: string;
  firstNames: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string | null;
  status: ClientStatus;
  clientGroup: ClientGroup;
  assignedCaseworkerId: string | null;
  restrictedAt: Date | null;
}

export interface ClientSearchResult {
  rows: ClientSearchRow[];
  /** Clients matching the whole query, across all pages. */
  total: number;
  page: number;
  pageSize: number;
  kind: SearchTextKind;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/**
 * Staff client search (issue 4). The text is interpreted by interpretSearchText: a valid personal
 * identity code is matched exactly through its keyed hash (DESIGN.md rule 8: the code itself is
 * never compared, and nothing derived from it is pattern-matched); a client number or a date of
 * birth exactly; anything else as name words, each of which must occur in search_name (lower case,
 * diacritics removed), served by the trigram index. Filters narrow the result; rows come ordered by
 * last name, first names and id, a page at a time (page size at most MAX_PAGE_SIZE).
 *
 * Role checks (DESIGN.md rule 4) are the caller's: only roles with "client:read" may search, and
 * opening a client goes through db/client-access.ts.
 */
export async function searchClients({
  db,
  query = {},
  page: requestedPage,
  pageSize: requestedPageSize,
}: {
  db: Executor;
  query?: ClientSearchQuery;
  page?: number;
  pageSize?: number;
}): Promise<ClientSearchResult> {
  const page = positiveInteger(requestedPage, 1);
  const pageSize = Math.min(positiveInteger(requestedPageSize, DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const interpreted = interpretSearchText(query.text);
  const empty: ClientSearchResult = { rows: [], total: 0, page, pageSize, kind: interpreted.kind };

  const conditions: SQL[] = [];
  switch (interpreted.kind) {
    case "identityCode":
      conditions.push(eq(clients.personalIdentityCodeHash, lookupHash(interpreted.code)));
      break;
    case "clientNumber":
      conditions.push(eq(clients.clientNumber, interpreted.clientNumber));
      break;
    case "dateOfBirth":
      conditions.push(eq(clients.dateOfBirth, interpreted.dateOfBirth));
      break;
    case "name":
      // search_name and the words are both lower-cased and stripped of diacritics by
      // normalizeForSearch, so LIKE is exact here, and much cheaper per row than ILIKE.
      for (const word of interpreted.words) conditions.push(like(clients.searchName, containsPattern(word)));
      break;
    case "all":
      break;
  }

  // Values outside the types can arrive from a URL at run time: they match no client.
  if (query.status !== undefined) {
    if (!(clientStatus.enumValues as readonly string[]).includes(query.status)) return empty;
    conditions.push(eq(clients.status, query.status));
  }
  if (query.clientGroup !== undefined) {
    if (!(clientGroups as readonly string[]).includes(query.clientGroup)) return empty;
    conditions.push(eq(clients.clientGroup, query.clientGroup));
  }
  if (query.caseworkerId !== undefined) {
    if (query.caseworkerId === "unassigned") conditions.push(isNull(clients.assignedCaseworkerId));
    else if (isUuid(query.caseworkerId)) conditions.push(eq(clients.assignedCaseworkerId, query.caseworkerId));
    else return empty;
  }
  if (query.ownAndUnassignedOf !== undefined && !isExactSearch(interpreted)) {
    if (!isUuid(query.ownAndUnassignedOf)) return empty;
    conditions.push(
      or(
        eq(clients.assignedCaseworkerId, query.ownAndUnassignedOf),
        isNull(clients.assignedCaseworkerId),
        interpreted.kind === "name" ? eq(clients.searchName, exactNameOf(query.text)) : undefined,
      )!,
    );
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const offset = (page - 1) * pageSize;
  const columns = {
    id: clients.id,
    clientNumber: clients.clientNumber,
    firstNames: clients.firstNames,
    lastName: clients.lastName,
    dateOfBirth: clients.dateOfBirth,
    status: clients.status,
    clientGroup: clients.clientGroup,
    assignedCaseworkerId: clients.assignedCaseworkerId,
    restrictedAt: clients.restrictedAt,
  };
  const countAll = async () => {
    const [counted] = await db.select({ n: count() }).from(clients).where(where);
    return Number(counted?.n ?? 0);
  };

  if (interpreted.kind === "all") {
    // Filters only: the first page is read in name order (clients_name_order_idx), counted apart.
    const rows = await db
      .select(columns)
      .from(clients)
      .where(where)
      .orderBy(asc(clients.lastName), asc(clients.firstNames), asc(clients.id))
      .limit(pageSize)
      .offset(offset);
    // A page that is neither full nor past the end is the last one: it tells the total without counting.
    const total = rows.length === pageSize || (rows.length === 0 && page > 1) ? await countAll() : offset + rows.length;
    return { rows, total, page, pageSize, kind: interpreted.kind };
  }

  // Text: collect every match through the index of its kind, count them with a window function
  // and sort them. The window function inside the subquery keeps the planner from walking
  // clients_name_order_idx and filtering row by row, which is ruinous when the matches sit at the
  // end of the alphabet (found by bench:search); one pass gives both the page and the total.
  const matches = db
    .select({ ...columns, total: sql<number>`count(*) over ()`.mapWith(Number).as("total") })
    .from(clients)
    .where(where)
    .as("matches");
  const found = await db
    .select({
      id: matches.id,
      clientNumber: matches.clientNumber,
      firstNames: matches.firstNames,
      lastName: matches.lastName,
      dateOfBirth: matches.dateOfBirth,
      status: matches.status,
      clientGroup: matches.clientGroup,
      assignedCaseworkerId: matches.assignedCaseworkerId,
      restrictedAt: matches.restrictedAt,
      total: matches.total,
    })
    .from(matches)
    .orderBy(asc(matches.lastName), asc(matches.firstNames), asc(matches.id))
    .limit(pageSize)
    .offset(offset);
  const rows = found.map(({ total: _total, ...row }) => row);
  const total = found[0]?.total ?? (page > 1 ? await countAll() : 0);
  return { rows, total, page, pageSize, kind: interpreted.kind };
}
