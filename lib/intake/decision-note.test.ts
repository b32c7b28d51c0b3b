import { describe, expect, it } from "vitest";
import { mergeFields, type FieldProposal } from "./merge-policy";
import {
  acceptedNote,
  fillMessage,
  intakeNoteLines,
  intakeNoteTexts,
  mergedNote,
  readIntakeDecisionNote,
  renderIntakeNote,
  type IntakeNoteLabels,
} from "./decision-note";
import type { StoredIntakeAnswers } from "./stored-answers";

const answers: StoredIntakeAnswers = {
  about: { firstNames: "Amina", lastName: "Hasan", dateOfBirth: "1990-04-12" },
  contact: {},
  residence: {},
  family: { members: [], childcareNeeds: "Päivähoitopaikka nuorimmalle" },
  "education-work": { educations: [], work: [] },
  "service-needs": { needs: ["language_course", "housing"], details: "Apua pankkiasioissa" },
};

/** English labels as a page would hand them (messages/en.json), with a code left unlabelled on purpose. */
const labels: IntakeNoteLabels = {
  locale: "en",
  lines: {
    accepted: "Electronic intake form {reference} accepted on {date}.",
    merged: "New electronic intake form {reference} merged into the client's details on {date}.",
    nameOnForm: "The name given on the form differs from the name in the register: {name}.",
    updated: "Details updated: {fields}.",
    previous: "Earlier details: {values}.",
    filled: "Details added: {fields}.",
    serviceNeeds: "Service needs: {needs}.",
    details: "Further details: {text}",
    childcareNeeds: "Children's care and school: {text}",
  },
  fields: Object.fromEntries(mergeFields.map((field) => [field, `«${field}»`])) as IntakeNoteLabels["fields"],
  serviceNeeds: { language_course: "Finnish or Swedish course" },
  options: { gender: {}, maritalStatus: {}, contactMethod: { phone: "Phone call" } },
  yes: "yes",
  no: "no",
};

const proposal = (field: FieldProposal["field"], current: FieldProposal["current"], kind: FieldProposal["kind"] = "update"): FieldProposal => ({
  key: `field:${field}`,
  field,
  kind,
  current,
  proposed: null,
});

describe("an intake decision's case note is facts, rendered in the reader's language", () => {
  it("accepting keeps the reference, the day, the needs as codes and the person's own words", () => {
    const note = acceptedNote(answers, { reference: "ABCDEFGHJKL", decidedOn: "2029-06-01" });
    expect(note).toEqual({
      decision: "accepted",
      reference: "ABCDEFGHJKL",
      decidedOn: "2029-06-01",
      serviceNeeds: ["language_course", "housing"],
      details: "Apua pankkiasioissa",
      childcareNeeds: "Päivähoitopaikka nuorimmalle",
    });
    expect(renderIntakeNote(note, intakeNoteTexts(labels))).toEqual([
      "Electronic intake form ABCDEFGHJKL accepted on Jun 1, 2029.",
      // A code without a label reads as the code: nothing is dropped.
      "Service needs: Finnish or Swedish course; housing.",
      "Further details: Apua pankkiasioissa",
      "Children's care and school: Päivähoitopaikka nuorimmalle",
    ]);
  });

  it("merging keeps the fields changed with their earlier values, the fields filled, and a name that differs", () => {
    const note = mergedNote(answers, {
      reference: "MNPQRSTUVWX",
      decidedOn: "2029-07-01",
      nameMatches: false,
      updated: [proposal("phone", "+358400000017"), proposal("interpreterNeeded", false), proposal("preferredContactMethod", "phone"), proposal("citizenships", ["SO", "Kenia"])],
      filled: [proposal("arrivalDate", null, "fill")],
    });
    expect(note).toMatchObject({
      decision: "merged",
      nameOnForm: "Amina Hasan",
      updated: [
        { field: "phone", previous: "+358400000017" },
        { field: "interpreterNeeded", previous: false },
        { field: "preferredContactMethod", previous: "phone" },
        { field: "citizenships", previous: ["SO", "Kenia"] },
      ],
      filled: ["arrivalDate"],
    });
    const lines = renderIntakeNote(note, intakeNoteTexts(labels));
    expect(lines.slice(0, 5)).toEqual([
      "New electronic intake form MNPQRSTUVWX merged into the client's details on Jul 1, 2029.",
      "The name given on the form differs from the name in the register: Amina Hasan.",
      "Details updated: «phone», «interpreterNeeded», «preferredContactMethod», «citizenships».",
      "Earlier details: «phone»: +358400000017; «interpreterNeeded»: no; «preferredContactMethod»: Phone call; «citizenships»: Somalia, Kenia.",
      "Details added: «arrivalDate».",
    ]);
  });

  it("a matching name is not mentioned, and nothing is said of what did not change", () => {
    const note = mergedNote({ ...answers, "service-needs": { needs: [] }, family: { members: [] } }, { reference: "R", decidedOn: "2029-07-01", nameMatches: true, updated: [], filled: [] });
    expect(renderIntakeNote(note, intakeNoteTexts(labels))).toEqual(["New electronic intake form R merged into the client's details on Jul 1, 2029."]);
  });

  it("reads back what was stored, and nothing else: a staff note (null) or a damaged value is not an intake note", () => {
    const note = acceptedNote(answers, { reference: "R", decidedOn: "2029-06-01" });
    expect(readIntakeDecisionNote(JSON.parse(JSON.stringify(note)))).toEqual(note);
    expect(readIntakeDecisionNote(null)).toBeNull();
    expect(readIntakeDecisionNote({ decision: "deleted" })).toBeNull();
    expect(readIntakeDecisionNote("Sähköinen asiakastietolomake")).toBeNull();
  });

  it("every line has a template, and filling one leaves unknown arguments visible", () => {
    expect(Object.keys(labels.lines).sort()).toEqual([...intakeNoteLines].sort());
    expect(fillMessage("{a} and {b}", { a: "x" })).toBe("x and {b}");
    expect(fillMessage("{a}", { a: "$& {b}" })).toBe("$& {b}");
  });
});
