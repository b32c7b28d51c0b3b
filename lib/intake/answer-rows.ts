import fiMessages from "@/messages/fi.json";
import type { EducationRow, FamilyRow, LanguageRow, PermitRow, RowSets, WorkRow } from "./merge-policy";
import type { StoredIntakeAnswers } from "./stored-answers";

/**
 * How a submission's answers become the register's rows, for accepting a new client and for the
 * rows a merge offers. Pure: the data layer adds the client id and the time.
 */

const fiOptions = fiMessages.intake.options as Record<string, Record<string, string> | undefined>;
/** The Finnish label of a form option (the register's working language), or the code itself. */
function fiLabel(group: string, code: string): string {
  return fiOptions[group]?.[code] ?? code;
}

const given = (value: string | undefined | null): string | null => (value && value.trim() !== "" ? value : null);

export interface FamilyMemberValues extends FamilyRow {
  relation: StoredIntakeAnswers["family"]["members"][number]["relation"];
  livesInFinland: boolean;
}
export interface WorkValues extends WorkRow {
  description: string | null;
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
    level: fiLabel("educationLevel", education.level),
    field: given(education.field),
    country: given(education.country),
    endYear: education.endYear ?? null,
  }));
}

export function workRows(answers: StoredIntakeAnswers): WorkValues[] {
  return answers["education-work"].work.map((work) => ({
    jobTitle: work.jobTitle,
    country: given(work.country),
    description: work.years !== undefined ? `Kokemusta ${work.years} v (ilmoitettu lomakkeella)` : null,
  }));
}

/** Languages: the native language, any others named, Finnish and Swedish at the level given. */
export function languageRows(answers: StoredIntakeAnswers): LanguageRow[] {
  const rows: LanguageRow[] = [];
  const { nativeLanguage, otherLanguages } = answers.about;
  if (given(nativeLanguage)) rows.push({ name: nativeLanguage!, level: "äidinkieli" });
  if (given(otherLanguages)) rows.push({ name: otherLanguages!, level: null });
  const { finnishLevel, swedishLevel } = answers["education-work"];
  if (finnishLevel) rows.push({ name: "suomi", level: fiLabel("languageLevel", finnishLevel) });
  if (swedishLevel && swedishLevel !== "none") rows.push({ name: "ruotsi", level: fiLabel("languageLevel", swedishLevel) });
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

/** What the person wrote about their needs, for the case note. */
export function needsLines(answers: StoredIntakeAnswers): string[] {
  const lines: string[] = [];
  const needs = answers["service-needs"].needs;
  if (needs.length > 0) lines.push(`Palvelutarpeet: ${needs.map((need) => fiLabel("serviceNeed", need)).join("; ")}.`);
  if (given(answers["service-needs"].details)) lines.push(`Lisätiedot: ${answers["service-needs"].details}`);
  if (given(answers.family.childcareNeeds)) lines.push(`Lasten hoito ja koulu: ${answers.family.childcareNeeds}`);
  return lines;
}
