import { isPgEnum } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as schema from "@/db/schema";
import * as values from "@/lib/domain-values";
import { stepFields, type FieldSpec } from "@/lib/intake/form-spec";
import { contactSchema, educationSchema as intakeEducationSchema, familyMemberSchema as intakeFamilyMemberSchema, residenceSchema } from "@/lib/intake/steps";
import { roleField } from "@/lib/validations/staff";
import { bookAppointmentSchema, outcomeSchema, recordVisitSchema } from "@/lib/validations/case-work";
import { educationSchema, familyMemberSchema, residencePermitSchema, skillSchema, walkInClientSchema } from "@/lib/validations/client-details";
import { withdrawConsentSchema, writtenConsentSchema } from "@/lib/validations/consent";
import { disclosureFormSchema } from "@/lib/validations/disclosure";
import { rejectSubmissionSchema } from "@/lib/validations/intake-review";
import { agencyFormSchema } from "@/lib/validations/agency";
import { decideRequestSchema, logRequestSchema, verifyRequestIdentitySchema } from "@/lib/validations/requests";

/**
 * Issue 10, deliverable 5: every stored code has one list (lib/domain-values.ts), and the database
 * enums, the zod schemas and the forms' options all read it, so a code added in one place cannot be
 * missing from another (a form offering a value the database refuses, or the reverse).
 */

/** Every database enum, by its name in PostgreSQL, and the list it must be built from. */
const enumLists: Record<string, readonly string[]> = {
  staff_role: values.staffRoles,
  role_grant_status: values.roleGrantStatuses,
  client_status: values.clientStatuses,
  client_group: values.clientGroups,
  register_basis: values.registerBases,
  permit_type: values.permitTypes,
  family_relation: values.familyRelations,
  contact_channel: values.contactChannels,
  appointment_status: values.appointmentStatuses,
  outcome_kind: values.outcomeKinds,
  consent_kind: values.consentKinds,
  consent_channel: values.consentChannels,
  disclosure_method: values.deliveryMethods,
  request_kind: values.requestKinds,
  request_channel: values.requestChannels,
  requester: values.requesters,
  request_status: values.requestStatuses,
  request_decision: values.requestDecisions,
  submission_status: values.submissionStatuses,
  restriction_ground: values.restrictionGrounds,
  notice_cause: values.noticeCauses,
  rights_document_kind: values.rightsDocumentKinds,
};

const databaseEnums = Object.values(schema).flatMap((candidate: unknown) => (isPgEnum(candidate) ? [candidate] : []));

/** The options of a z.enum, seen through the optional and preprocess wrappers a form field may have. */
function optionsOf(field: z.ZodType): readonly string[] {
  const def = (field as unknown as { def: { type: string; entries?: Record<string, string>; innerType?: z.ZodType; out?: z.ZodType } }).def;
  if (def.type === "enum") return Object.values(def.entries ?? {});
  const inner = def.innerType ?? def.out;
  if (!inner) throw new Error(`not an enum field: ${def.type}`);
  return optionsOf(inner);
}

/** A z.object's shape, also behind the preprocess step a form schema may start with. */
function shapeOf(form: z.ZodType): Record<string, z.ZodType> {
  const def = (form as unknown as { def: { type: string; shape?: Record<string, z.ZodType>; out?: z.ZodType } }).def;
  if (def.shape) return def.shape;
  if (def.out) return shapeOf(def.out);
  throw new Error(`not an object schema: ${def.type}`);
}

describe("one list per stored vocabulary", () => {
  it("lists every database enum", () => {
    expect(databaseEnums.map((enumeration) => enumeration.enumName).sort()).toEqual(Object.keys(enumLists).sort());
  });

  it.each(Object.entries(enumLists))("the database enum %s holds exactly its list, in order", (name, list) => {
    const enumeration = databaseEnums.find((candidate) => candidate.enumName === name);
    expect(enumeration?.enumValues).toEqual([...list]);
  });

  it.each(Object.entries(values as Record<string, unknown>).filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1])))(
    "%s: distinct lower-case codes",
    (_name, list) => {
      expect(new Set(list).size).toBe(list.length);
      for (const code of list) expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    },
  );

  it.each<[string, z.ZodType, readonly string[]]>([
    ["intake: permit type", residenceSchema.shape.permitType, values.permitTypes],
    ["intake: client group", residenceSchema.shape.clientGroup, values.clientGroups],
    ["intake: preferred contact", contactSchema.shape.preferredContact, values.contactMethods],
    ["intake: relation", intakeFamilyMemberSchema.shape.relation, values.familyRelations],
    ["intake: education level", intakeEducationSchema.shape.level, values.educationLevels],
    ["walk-in: client group", shapeOf(walkInClientSchema).clientGroup!, values.clientGroups],
    ["walk-in: gender", shapeOf(walkInClientSchema).gender!, values.genders],
    ["residence permit", residencePermitSchema.shape.permitType, values.permitTypes],
    ["family member", familyMemberSchema.shape.relation, values.familyRelations],
    ["skill", skillSchema.shape.kind, values.skillKinds],
    ["education", educationSchema.shape.level, values.educationLevels],
    ["appointment", bookAppointmentSchema.shape.channel, values.contactChannels],
    ["visit", recordVisitSchema.shape.channel, values.contactChannels],
    ["outcome", outcomeSchema.shape.kind, values.outcomeKinds],
    ["written consent", writtenConsentSchema.shape.kind, values.consentKinds],
    ["withdrawal", withdrawConsentSchema.shape.channel, values.withdrawalChannels],
    ["disclosure", disclosureFormSchema.shape.method, values.deliveryMethods],
    ["agency", agencyFormSchema.shape.deliveryMethod, values.deliveryMethods],
    ["intake rejection", rejectSubmissionSchema.shape.reason, values.intakeRejectionReasons],
    ["staff role", roleField, values.staffRoles],
    ["request: kind", shapeOf(logRequestSchema).kind!, values.requestKinds],
    ["request: channel", shapeOf(logRequestSchema).channel!, values.requestChannels],
    ["request: requester", shapeOf(logRequestSchema).requester!, values.requesters],
    ["request: identity verified at the visit", shapeOf(logRequestSchema).identityVerification!, values.identityVerificationMethods],
    ["request: identity verification", shapeOf(verifyRequestIdentitySchema).identityVerification!, values.identityVerificationMethods],
    ["request: decision", shapeOf(decideRequestSchema).decision!, values.requestDecisions],
  ])("the %s form accepts exactly the stored codes", (_form, field, list) => {
    expect(optionsOf(field)).toEqual([...list]);
  });

  it("the intake form offers exactly the stored codes", () => {
    const optionSets: Record<string, readonly string[]> = {
      gender: values.genders,
      contactMethod: values.contactMethods,
      permitType: values.permitTypes,
      clientGroup: values.clientGroups,
      maritalStatus: values.maritalStatuses,
      relation: values.familyRelations,
      educationLevel: values.educationLevels,
      languageLevel: values.languageLevels,
      serviceNeed: values.serviceNeeds,
      yesNo: ["yes", "no"],
    };
    const withOptions = (fields: FieldSpec[]): Extract<FieldSpec, { options: readonly string[] }>[] =>
      fields.flatMap((field) => (field.kind === "group" ? withOptions(field.fields) : "options" in field ? [field] : []));
    const offered = Object.values(stepFields).flatMap(withOptions);
    expect(new Set(offered.map((field) => field.optionSet))).toEqual(new Set(Object.keys(optionSets)));
    for (const field of offered) expect([...field.options], field.name).toEqual([...optionSets[field.optionSet]!]);
  });
});
