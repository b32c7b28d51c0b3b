import type { EducationRow, FamilyRow, LanguageRow, PermitRow, RowSets, WorkRow } from "./merge-policy";
import type { StoredIntakeAnswers } from "./stored-answers";

/**
 * How a submission's answers become the register's rows, for accepting a new client and for the
 * rows a merge offers. Pure: the data layer adds the client id and the time.
 *
 * Rows hold codes, never labels (docs/decisions/0006): an education level or a language level is
 * its code from lib/intake/steps.ts, a language the form names itself (Finnish, Swedish) is its ISO
 * 639-1 code, and what the person typed (their native language, other languages, a field of study)
 * stays as they typed it. Pages show the codes through messages/ and Intl.DisplayNames.
 */

/** The languages the form asks about by name, as ISO 639-1 codes. */
export const FINNISH = "fi";
export const SWEDISH = "sv";

const given = (value: string | undefined | null): string | null => (value && value.trim() !== "" ? value : null);

export interface FamilyMemberValues extends FamilyRow {
  relation: StoredIntakeAnswers["family"]["members"][number]["relation"];
  livesInFinland: boolean;
}
export interface WorkValues extends WorkRow {
  /** Years of experience as the person stated them on the form (staff record start and end years instead). */
  years: number | null;
}

export interface AnswerRows extends RowSets {
  family: FamilyMemberValues[];
  work: WorkValues[];
}

export function permitRows(answers: StoredIntakeAnswers): PermitRow[] {
  const { residence } = answers;
  return residence.permitType ? [{ permitType: residence.permitType, validFrom: residence.permitValidFrom ?? null, validUntil: residence.permitValidUntil ?? null }] : [];
}

export function familyRows(answers: StoredIntakeAnswers): FamilyMemberValues[] {
  return answers.family.members.map((member) => ({
    fullName: member.fullName,
    relation: member.relation,
    dateOfBirth: member.dateOfBirth ?? null,
    livesInFinland: member.livesInFinland !== "no",
  }));
}

export function educationRows(answers: StoredIntakeAnswers): EducationRow[] {
  return answers["education-work"].educations.map((education) => ({
    level: education.level,
    field: given(education.field),
    country: given(education.country),
    endYear: education.endYear ?? null,
  }));
}

export function workRows(answers: StoredIntakeAnswers): WorkValues[] {
  return answers["education-work"].work.map((work) => ({
    jobTitle: work.jobTitle,
    country: given(work.country),
    years: work.years ?? null,
  }));
}

/**
 * Languages: the native language as typed, at level "native"; any others named, as typed, without a
 * level; Finnish and Swedish by code at the level given (Swedish only when the person knows some).
 */
export function languageRows(answers: StoredIntakeAnswers): LanguageRow[] {
  const rows: LanguageRow[] = [];
  const { nativeLanguage, otherLanguages } = answers.about;
  if (given(nativeLanguage)) rows.push({ name: nativeLanguage!, level: "native" });
  if (given(otherLanguages)) rows.push({ name: otherLanguages!, level: null });
  const { finnishLevel, swedishLevel } = answers["education-work"];
  if (finnishLevel) rows.push({ name: FINNISH, level: finnishLevel });
  if (swedishLevel && swedishLevel !== "none") rows.push({ name: SWEDISH, level: swedishLevel });
  return rows;
}

/** Every row a submission holds, by kind. */
export function answerRows(answers: StoredIntakeAnswers): AnswerRows {
  return {
    permit: permitRows(answers),
    family: familyRows(answers),
    education: educationRows(answers),
    work: workRows(answers),
    language: languageRows(answers),
  };
}
