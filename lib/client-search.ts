/**
 * How staff client search reads its single text box (the query itself is db/client-search.ts).
 * Pure: no database, no keys. The order of the checks matters: a personal identity code is
 * recognised first, so it is only ever looked up exactly through its keyed hash and never falls
 * through to a pattern match.
 */
import { parsePersonalIdentityCode } from "./personal-identity-code";
import { normalizeForSearch } from "./search-name";

export type SearchTextKind = "identityCode" | "clientNumber" | "dateOfBirth" | "name" | "all";

export type InterpretedSearchText =
  | { kind: "all" }
  /** `code` is normalized (upper case, trimmed): the form lookupHash is computed over. */
  | { kind: "identityCode"; code: string }
  | { kind: "clientNumber"; clientNumber: string }
  /** ISO date, YYYY-MM-DD. */
  | { kind: "dateOfBirth"; dateOfBirth: string }
  /** Normalized (lower case, diacritics removed) words; each must occur in search_name. */
  | { kind: "name"; words: string[] };

/** Longer input is cut: nobody types a 200-character name, and it bounds the query's cost. */
export const MAX_SEARCH_TEXT_LENGTH = 200;
/** More words than this are ignored (the first ones are kept). */
export const MAX_NAME_WORDS = 8;

const CLIENT_NUMBER = /^\d{4}-\d{6}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FINNISH_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

function validIsoDate(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 9999) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A date of birth typed as YYYY-MM-DD or the Finnish D.M.YYYY (DD.MM.YYYY); null if neither or not a real date. */
export function parseSearchDate(text: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return validIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const finnish = FINNISH_DATE.exec(text);
  if (finnish) return validIsoDate(Number(finnish[3]), Number(finnish[2]), Number(finnish[1]));
  return null;
}

/**
 * The words of a name search: normalized like clients.search_name, split on white space,
 * duplicates removed, at most MAX_NAME_WORDS.
 */
export function nameSearchWords(text: string): string[] {
  const words = normalizeForSearch(text).split(" ").filter((word) => word.length > 0);
  return [...new Set(words)].slice(0, MAX_NAME_WORDS);
}

/** Reads the search box: identity code, client number, date of birth, or else a name. */
export function interpretSearchText(text: string | null | undefined): InterpretedSearchText {
  const trimmed = (text ?? "").slice(0, MAX_SEARCH_TEXT_LENGTH).trim();
  if (trimmed === "") return { kind: "all" };

  const code = parsePersonalIdentityCode(trimmed);
  if (code.ok) return { kind: "identityCode", code: code.code };

  if (CLIENT_NUMBER.test(trimmed)) return { kind: "clientNumber", clientNumber: trimmed };

  const dateOfBirth = parseSearchDate(trimmed);
  if (dateOfBirth) return { kind: "dateOfBirth", dateOfBirth };

  const words = nameSearchWords(trimmed);
  if (words.length === 0) return { kind: "all" };
  return { kind: "name", words };
}

/** A LIKE pattern matching `word` anywhere, with \, % and _ taken literally (backslash is LIKE's default escape). */
export function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * Whether a search by this kind of text finds one client exactly (an identity code or a client
 * number): such a search may reach any client, since it cannot be used to browse. A name, a date of
 * birth or filters alone list many clients, and a caseworker's list is kept to their caseload and
 * unassigned clients (lib/auth/client-access.ts searchScopeOf), except a whole name as registered.
 */
export function isExactSearch(interpreted: InterpretedSearchText): boolean {
  return interpreted.kind === "identityCode" || interpreted.kind === "clientNumber";
}

/** The whole name typed, as clients.search_name holds it: a search for exactly this name may list any client of that name. */
export function exactNameOf(text: string | null | undefined): string {
  return normalizeForSearch((text ?? "").slice(0, MAX_SEARCH_TEXT_LENGTH));
}
