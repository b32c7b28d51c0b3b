import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import {
  assignClientSchema,
  bookAppointmentSchema,
  cancelAppointmentSchema,
  caseFormErrorCodes,
  caseNoteSchema,
  closeCaseSchema,
  foldMeasureRows,
  functionalCapacitySchema,
  initialAssessmentSchema,
  integrationPlanSchema,
  MAX_CASE_NOTE_LENGTH,
  MAX_PLAN_MEASURES,
  outcomeSchema,
  planReviewSchema,
  recordVisitSchema,
  rescheduleAppointmentSchema,
} from "./case-work";

const CLIENT = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
const OTHER = "00000000-0000-4000-8000-000000000000";

/** Every message any test saw, checked at the end against the declared codes. */
const seenMessages = new Set<string>();

/** The failures as "path: message", or [] when the value parses. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    seenMessages.add(issue.message);
    return `${issue.path.join(".")}: ${issue.message}`;
  });
}

function parsed<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`expected to parse, got ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

// Now: Tuesday 10 March 2026, 12:00 in Helsinki (10:00 UTC, winter time).
const NOW = new Date("2026-03-10T10:00:00.000Z");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe("bookAppointmentSchema", () => {
  const valid = { clientId: CLIENT, startsAt: "2026-03-12T09:30", channel: "in_person" };

  it("parses the Helsinki time to an instant, defaults the duration and drops blank optional fields", () => {
    expect(parsed(bookAppointmentSchema, { ...valid, durationMinutes: "", interpreterLanguage: "  ", purpose: "" })).toEqual({
      clientId: CLIENT,
      startsAt: new Date("2026-03-12T07:30:00.000Z"),
      durationMinutes: 60,
      channel: "in_person",
      interpreterLanguage: undefined,
      purpose: undefined,
    });
    const summer = parsed(bookAppointmentSchema, { ...valid, startsAt: "2026-06-01T09:30", durationMinutes: "90", purpose: " Kela " });
    expect(summer.startsAt.toISOString()).toBe("2026-06-01T06:30:00.000Z");
    expect(summer).toMatchObject({ durationMinutes: 90, purpose: "Kela" });
    expect(parsed(bookAppointmentSchema, { ...valid, durationMinutes: 45 }).durationMinutes).toBe(45);
  });

  it("must start in the future", () => {
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "2026-03-10T12:00" })).toEqual(["startsAt: dateInPast"]);
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "2026-03-10T11:59" })).toEqual(["startsAt: dateInPast"]);
    // 12:01 in Helsinki is a minute ahead, although 10:01 would be the UTC reading.
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "2026-03-10T12:01" })).toEqual([]);
  });

  it("refuses a missing, malformed or unreal time, a duration outside 15–480 minutes and an unknown channel", () => {
    expect(problems(bookAppointmentSchema, { clientId: CLIENT })).toEqual(["startsAt: required", "channel: chooseOne"]);
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "" })).toEqual(["startsAt: required"]);
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "12.3.2026 9.30" })).toEqual(["startsAt: invalidDate"]);
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "2026-02-30T09:30" })).toEqual(["startsAt: invalidDate"]);
    expect(problems(bookAppointmentSchema, { ...valid, startsAt: "2226-03-12T09:30" })).toEqual(["startsAt: implausibleDate"]);
    for (const duration of ["14", "481", "abc", "30.5", -60]) {
      expect(problems(bookAppointmentSchema, { ...valid, durationMinutes: duration }), String(duration)).toEqual(["durationMinutes: invalidNumber"]);
    }
    expect(problems(bookAppointmentSchema, { ...valid, durationMinutes: "15" })).toEqual([]);
    expect(problems(bookAppointmentSchema, { ...valid, durationMinutes: "480" })).toEqual([]);
    expect(problems(bookAppointmentSchema, { ...valid, channel: "fax" })).toEqual(["channel: chooseOne"]);
    expect(problems(bookAppointmentSchema, { ...valid, clientId: "1; drop table clients" })).toEqual(["clientId: invalid"]);
  });

  it("limits the free texts and refuses control characters", () => {
    expect(problems(bookAppointmentSchema, { ...valid, interpreterLanguage: "a".repeat(201) })).toEqual(["interpreterLanguage: tooLong"]);
    expect(problems(bookAppointmentSchema, { ...valid, purpose: "a".repeat(1001) })).toEqual(["purpose: tooLong"]);
    expect(problems(bookAppointmentSchema, { ...valid, purpose: "Kela\u0000" })).toEqual(["purpose: invalidCharacters"]);
  });
});

describe("rescheduling and cancelling", () => {
  it("reschedules to a future Helsinki time only", () => {
    expect(parsed(rescheduleAppointmentSchema, { appointmentId: CLIENT, startsAt: "2026-03-29T03:30" }).startsAt.toISOString()).toBe(
      "2026-03-29T01:30:00.000Z",
    );
    expect(problems(rescheduleAppointmentSchema, { appointmentId: CLIENT, startsAt: "2026-03-09T10:00" })).toEqual(["startsAt: dateInPast"]);
    expect(problems(rescheduleAppointmentSchema, { appointmentId: "", startsAt: "2026-03-19T10:00" })).toEqual(["appointmentId: invalid"]);
  });

  it("cancels by id", () => {
    expect(parsed(cancelAppointmentSchema, { appointmentId: CLIENT })).toEqual({ appointmentId: CLIENT });
    expect(problems(cancelAppointmentSchema, {})).toEqual(["appointmentId: invalid"]);
  });
});

describe("recordVisitSchema", () => {
  const valid = { clientId: CLIENT, occurredAt: "2026-03-10T11:15", channel: "phone" };

  it("takes a visit up to now, with an optional appointment", () => {
    expect(parsed(recordVisitSchema, { ...valid, appointmentId: "", notes: "" })).toEqual({
      clientId: CLIENT,
      appointmentId: undefined,
      occurredAt: new Date("2026-03-10T09:15:00.000Z"),
      channel: "phone",
      interpreterLanguage: undefined,
      notes: undefined,
    });
    expect(parsed(recordVisitSchema, { ...valid, appointmentId: OTHER }).appointmentId).toBe(OTHER);
    expect(problems(recordVisitSchema, { ...valid, occurredAt: "2026-03-10T12:00" })).toEqual([]);
  });

  it("refuses a visit in the future and a malformed appointment id", () => {
    expect(problems(recordVisitSchema, { ...valid, occurredAt: "2026-03-10T12:01" })).toEqual(["occurredAt: dateInFuture"]);
    expect(problems(recordVisitSchema, { ...valid, appointmentId: "abc" })).toEqual(["appointmentId: invalid"]);
    expect(problems(recordVisitSchema, { ...valid, notes: "a".repeat(MAX_CASE_NOTE_LENGTH + 1) })).toEqual(["notes: tooLong"]);
  });
});

describe("initialAssessmentSchema (decree 874/2024 §1)", () => {
  const valid = { clientId: CLIENT, assessedOn: "2026-03-10", content: "Kielitaito A1, työkokemus rakennusalalta.", plannedPlanDate: "2026-04-01", authors: "Ohjaaja" };

  it("takes the date, content, further measures, plan date or referral, authors and sources", () => {
    expect(parsed(initialAssessmentSchema, { ...valid, furtherMeasures: "Kielikoulutus", sources: "Asiakkaan haastattelu", otherReferral: "" })).toEqual({
      ...valid,
      furtherMeasures: "Kielikoulutus",
      otherReferral: undefined,
      sources: "Asiakkaan haastattelu",
    });
    expect(problems(initialAssessmentSchema, { ...valid, plannedPlanDate: "", otherReferral: "Ohjattu TE-palveluihin" })).toEqual([]);
  });

  it("needs the planned plan date or another referral", () => {
    expect(problems(initialAssessmentSchema, { ...valid, plannedPlanDate: "" })).toEqual(["plannedPlanDate: chooseOrDescribe"]);
  });

  it("refuses a future assessment, a plan date before it, unreal dates and missing texts", () => {
    expect(problems(initialAssessmentSchema, { ...valid, assessedOn: "2026-03-11", plannedPlanDate: "2026-04-01" })).toEqual(["assessedOn: dateInFuture"]);
    expect(problems(initialAssessmentSchema, { ...valid, plannedPlanDate: "2026-03-09" })).toEqual(["plannedPlanDate: endBeforeStart"]);
    expect(problems(initialAssessmentSchema, { ...valid, assessedOn: "2026-02-30" })).toEqual(["assessedOn: invalidDate"]);
    expect(problems(initialAssessmentSchema, { ...valid, assessedOn: "1850-01-01" })).toEqual(["assessedOn: implausibleDate"]);
    expect(problems(initialAssessmentSchema, { ...valid, content: " ", authors: undefined })).toEqual(["content: required", "authors: required"]);
    expect(problems(initialAssessmentSchema, { ...valid, content: "a".repeat(10_001) })).toEqual(["content: tooLong"]);
  });

  it("reads 'today' in Helsinki, which begins two or three hours before UTC's", () => {
    // 00:30 on 11 March in Helsinki is still 10 March in UTC.
    vi.setSystemTime(new Date("2026-03-10T22:30:00.000Z"));
    expect(problems(initialAssessmentSchema, { ...valid, assessedOn: "2026-03-11", plannedPlanDate: "2026-04-01" })).toEqual([]);
    expect(problems(initialAssessmentSchema, { ...valid, assessedOn: "2026-03-12", plannedPlanDate: "2026-04-01" })).toEqual(["assessedOn: dateInFuture"]);
  });
});

describe("integrationPlanSchema (decree 874/2024 §2)", () => {
  const valid = { clientId: CLIENT, planDate: "2026-03-10", goals: "Suomen kieli B1, työpaikka", authors: "Ohjaaja ja asiakas" };

  it("folds dotted measure fields from a form posted without JavaScript, dropping blank rows", () => {
    const plan = parsed(integrationPlanSchema, {
      ...valid,
      validUntil: "2027-03-10",
      reviewDueOn: "2026-09-10",
      "measures.0.description": "Kotoutumiskoulutus",
      "measures.0.provider": "Kotolan aikuisopisto",
      "measures.0.startsOn": "2026-04-01",
      "measures.0.endsOn": "2026-12-31",
      "measures.1.description": "",
      "measures.1.provider": " ",
      "measures.3.description": "Työkokeilu",
      "measures.3.unknownField": "ignored",
    });
    expect(plan.measures).toEqual([
      { description: "Kotoutumiskoulutus", provider: "Kotolan aikuisopisto", startsOn: "2026-04-01", endsOn: "2026-12-31" },
      { description: "Työkokeilu", provider: undefined, startsOn: undefined, endsOn: undefined },
    ]);
    expect(plan).toMatchObject({ validUntil: "2027-03-10", reviewDueOn: "2026-09-10" });
    expect(plan.jobSearch).toBeUndefined();
    expect(Object.keys(plan).filter((key) => key.includes("."))).toEqual([]);
  });

  it("takes rows react-hook-form already nested, and no measures at all", () => {
    expect(parsed(integrationPlanSchema, { ...valid, measures: [{ description: "Kielikurssi", provider: "" }, { description: "", provider: "" }] }).measures).toEqual([
      { description: "Kielikurssi", provider: undefined, startsOn: undefined, endsOn: undefined },
    ]);
    expect(parsed(integrationPlanSchema, valid).measures).toEqual([]);
    expect(parsed(integrationPlanSchema, { ...valid, measures: [] }).measures).toEqual([]);
  });

  it("reports a row's problem at the index the form posted it under", () => {
    expect(
      problems(integrationPlanSchema, {
        ...valid,
        "measures.0.description": "",
        "measures.2.provider": "Kela",
        "measures.4.description": "Kurssi",
        "measures.4.startsOn": "2026-05-01",
        "measures.4.endsOn": "2026-04-30",
      }),
    ).toEqual(["measures.2.description: required", "measures.4.endsOn: endBeforeStart"]);
  });

  it(`takes at most ${MAX_PLAN_MEASURES} measures (blank rows do not count)`, () => {
    const rows = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`measures.${i}.description`, `Toimenpide ${i}`]));
    expect(parsed(integrationPlanSchema, { ...valid, ...rows(MAX_PLAN_MEASURES), "measures.30.description": "" }).measures).toHaveLength(MAX_PLAN_MEASURES);
    expect(problems(integrationPlanSchema, { ...valid, ...rows(MAX_PLAN_MEASURES + 1) })).toEqual(["measures: tooMany"]);
  });

  it("ignores dotted names that are not measure fields", () => {
    const folded = foldMeasureRows({
      "measures.0.constructor": "x",
      "measures.0.__proto__": "x",
      "measures.1.description": "d",
      "measures.x.description": "y",
      "measures.100.description": "z",
      goals: "g",
    });
    expect(folded).toEqual({
      goals: "g",
      "measures.0.__proto__": "x",
      "measures.x.description": "y",
      "measures.100.description": "z",
      measures: [{}, { description: "d" }],
    });
    expect(Object.getPrototypeOf((folded as { measures: object[] }).measures[0])).toBe(Object.prototype);
    expect(foldMeasureRows("not an object")).toBe("not an object");
  });

  it("needs validity and the review date on or after the plan date", () => {
    expect(problems(integrationPlanSchema, { ...valid, validUntil: "2026-03-10", reviewDueOn: "2026-03-10" })).toEqual([]);
    expect(problems(integrationPlanSchema, { ...valid, validUntil: "2026-03-09", reviewDueOn: "2026-03-01" })).toEqual([
      "validUntil: endBeforeStart",
      "reviewDueOn: endBeforeStart",
    ]);
    // Every problem at once: a missing goal does not hide the order of the dates.
    expect(problems(integrationPlanSchema, { ...valid, goals: "", validUntil: "2026-03-09" })).toEqual(["goals: required", "validUntil: endBeforeStart"]);
  });

  it("needs the plan date, goals and authors", () => {
    expect(problems(integrationPlanSchema, { clientId: CLIENT })).toEqual(["planDate: required", "goals: required", "authors: required"]);
  });
});

describe("planReviewSchema", () => {
  const valid = { planId: CLIENT, reviewedOn: "2026-03-10", summary: "Kielikurssi aloitettu" };

  it("takes a review up to today and a later next review", () => {
    expect(parsed(planReviewSchema, { ...valid, nextReviewOn: "2026-09-10" })).toEqual({ ...valid, nextReviewOn: "2026-09-10" });
    expect(parsed(planReviewSchema, { ...valid, nextReviewOn: "" }).nextReviewOn).toBeUndefined();
  });

  it("refuses a future review and a next review not after it", () => {
    expect(problems(planReviewSchema, { ...valid, reviewedOn: "2026-03-11" })).toEqual(["reviewedOn: dateInFuture"]);
    expect(problems(planReviewSchema, { ...valid, nextReviewOn: "2026-03-10" })).toEqual(["nextReviewOn: endBeforeStart"]);
    expect(problems(planReviewSchema, { ...valid, summary: "" })).toEqual(["summary: required"]);
  });
});

describe("outcomes, functional capacity and notes", () => {
  it("outcomeSchema: a kind, a description and an ordered period", () => {
    expect(parsed(outcomeSchema, { clientId: CLIENT, kind: "work", description: "Varastotyöntekijä", startedOn: "2026-04-01", endedOn: "" })).toEqual({
      clientId: CLIENT,
      kind: "work",
      description: "Varastotyöntekijä",
      startedOn: "2026-04-01",
      endedOn: undefined,
    });
    expect(problems(outcomeSchema, { clientId: CLIENT, kind: "holiday", description: "x" })).toEqual(["kind: chooseOne"]);
    expect(problems(outcomeSchema, { clientId: CLIENT, kind: "education", description: "x", startedOn: "2026-04-01", endedOn: "2026-03-31" })).toEqual([
      "endedOn: endBeforeStart",
    ]);
  });

  it("functionalCapacitySchema: assessed up to today", () => {
    expect(problems(functionalCapacitySchema, { clientId: CLIENT, assessedOn: "2026-03-10", content: "Työkykyinen" })).toEqual([]);
    expect(problems(functionalCapacitySchema, { clientId: CLIENT, assessedOn: "2026-03-11", content: "x" })).toEqual(["assessedOn: dateInFuture"]);
  });

  it(`caseNoteSchema: up to ${MAX_CASE_NOTE_LENGTH} characters, trimmed`, () => {
    expect(parsed(caseNoteSchema, { clientId: CLIENT, body: "  Soitettu asiakkaalle.\n" }).body).toBe("Soitettu asiakkaalle.");
    expect(problems(caseNoteSchema, { clientId: CLIENT, body: "ä".repeat(MAX_CASE_NOTE_LENGTH) })).toEqual([]);
    expect(problems(caseNoteSchema, { clientId: CLIENT, body: "ä".repeat(MAX_CASE_NOTE_LENGTH + 1) })).toEqual(["body: tooLong"]);
    expect(problems(caseNoteSchema, { clientId: CLIENT, body: "   " })).toEqual(["body: required"]);
  });
});

describe("assignment and closing", () => {
  it("assignClientSchema: a caseworker's id, or an empty choice for nobody", () => {
    expect(parsed(assignClientSchema, { clientId: CLIENT, caseworkerId: OTHER })).toEqual({ clientId: CLIENT, caseworkerId: OTHER });
    expect(parsed(assignClientSchema, { clientId: CLIENT, caseworkerId: "" })).toEqual({ clientId: CLIENT, caseworkerId: null });
    expect(problems(assignClientSchema, { clientId: CLIENT, caseworkerId: "someone" })).toEqual(["caseworkerId: chooseOne"]);
    expect(problems(assignClientSchema, { clientId: CLIENT })).toEqual(["caseworkerId: chooseOne"]);
  });

  it("closeCaseSchema: closed up to today, with a reason", () => {
    expect(parsed(closeCaseSchema, { clientId: CLIENT, closedOn: "2026-03-10", reason: "Muutti toiselle paikkakunnalle" })).toEqual({
      clientId: CLIENT,
      closedOn: "2026-03-10",
      reason: "Muutti toiselle paikkakunnalle",
    });
    expect(problems(closeCaseSchema, { clientId: CLIENT, closedOn: "2026-03-11", reason: "" })).toEqual(["closedOn: dateInFuture", "reason: required"]);
  });
});

describe("message codes", () => {
  afterAll(() => {
    // Every message the tests above produced is a declared code.
    expect([...seenMessages].filter((message) => !(caseFormErrorCodes as readonly string[]).includes(message))).toEqual([]);
  });

  it("every declared code has a text where the case forms show their errors (messages → caseForms.errors)", () => {
    const en = JSON.parse(readFileSync(path.resolve(__dirname, "../../messages/en.json"), "utf8")) as { caseForms?: { errors?: Record<string, string> } };
    const texts = en.caseForms?.errors ?? {};
    expect(caseFormErrorCodes.filter((code) => !(code in texts))).toEqual([]);
  });
});
