/**
 * Finnish personal identity code (henkilötunnus): DDMMYY C NNN Q.
 * C is the century sign; since 2023 each century has several (Decree 128/2010 as amended by 1062/2022).
 */
export const CENTURY_SIGNS: Readonly<Record<string, number>> = {
  "+": 1800,
  "-": 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

const CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY";
const SHAPE = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

export type IdentityCodeProblem = "format" | "century_sign" | "date" | "individual_number" | "checksum";

export type ParsedIdentityCode =
  | { ok: true; code: string; dateOfBirth: string; temporary: boolean }
  | { ok: false; problem: IdentityCodeProblem };

/** Upper case, surrounding white space removed: the only form ever hashed or stored. */
export function normalizePersonalIdentityCode(input: string): string {
  return input.trim().toUpperCase();
}

export function checkCharacter(dateDigits: string, individualNumber: string): string {
  const remainder = Number(`${dateDigits}${individualNumber}`) % 31;
  return CHECK_CHARACTERS[remainder] as string;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parsePersonalIdentityCode(input: string): ParsedIdentityCode {
  const code = normalizePersonalIdentityCode(input);
  const match = SHAPE.exec(code);
  if (!match) return { ok: false, problem: "format" };
  const [, dd, mm, yy, sign, individual, check] = match as unknown as [string, string, string, string, string, string, string];
  const century = CENTURY_SIGNS[sign];
  if (century === undefined) return { ok: false, problem: "century_sign" };
  const dateOfBirth = isoDate(century + Number(yy), Number(mm), Number(dd));
  if (!dateOfBirth) return { ok: false, problem: "date" };
  const individualNumber = Number(individual);
  if (individualNumber < 2) return { ok: false, problem: "individual_number" };
  if (checkCharacter(`${dd}${mm}${yy}`, individual) !== check) return { ok: false, problem: "checksum" };
  return { ok: true, code, dateOfBirth, temporary: individualNumber >= 900 };
}

export function isValidPersonalIdentityCode(input: string): boolean {
  return parsePersonalIdentityCode(input).ok;
}

/**
 * Builds a valid code; used by the factories for synthetic clients. Synthetic codes use the
 * temporary range 900–999, which the Digital and Population Data Services Agency never assigns
 * to a real person permanently.
 */
export function formatPersonalIdentityCode(args: { dateOfBirth: string; individualNumber: number; centurySign?: string }): string {
  const [year, month, day] = args.dateOfBirth.split("-") as [string, string, string];
  const y = Number(year);
  const sign = args.centurySign ?? (y >= 2000 ? "A" : y >= 1900 ? "-" : "+");
  if (CENTURY_SIGNS[sign] !== Math.floor(y / 100) * 100) throw new RangeError(`Century sign ${sign} does not fit ${year}`);
  const dateDigits = `${day}${month}${year.slice(2)}`;
  const individual = String(args.individualNumber).padStart(3, "0");
  return `${dateDigits}${sign}${individual}${checkCharacter(dateDigits, individual)}`;
}

/** Shown until a staff member reveals the code (and the reveal is audited). */
export function maskPersonalIdentityCode(code: string): string {
  return `${code.slice(0, 6)}${code.charAt(6)}****`;
}
