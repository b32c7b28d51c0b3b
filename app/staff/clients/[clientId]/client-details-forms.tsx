import { getTranslations } from "next-intl/server";
import { RecordForm, type RecordField } from "@/components/staff/record-form";
import { clientGroups, educationLevels, familyRelations, genders, permitTypes, skillKinds } from "@/lib/domain-values";
import type { CaseRecordKind } from "@/lib/validations/client-details";
import { FoldedForms, recordFormTexts } from "./record-form-texts";
import {
  recordEducationAction,
  recordFamilyMemberAction,
  recordResidencePermitAction,
  recordSkillAction,
  recordWorkExperienceAction,
  removeCaseRecordAction,
  updateIdentityContactAction,
} from "./client-details-actions";

export async function options() {
  const ti = await getTranslations("intake");
  const tp = await getTranslations("privacy");
  const t = await getTranslations("caseDetails");
  return {
    yesNo: [
      { value: "no", label: ti("options.yesNo.no") },
      { value: "yes", label: ti("options.yesNo.yes") },
    ],
    genders: genders.map((g) => ({ value: g, label: ti(`options.gender.${g}` as never) })),
    permitTypes: permitTypes.map((p) => ({ value: p, label: ti(`options.permitType.${p}` as never) })),
    relations: familyRelations.map((r) => ({ value: r, label: ti(`options.relation.${r}` as never) })),
    educationLevels: educationLevels.map((l) => ({ value: l, label: ti(`options.educationLevel.${l}` as never) })),
    groups: clientGroups.map((g) => ({ value: g, label: tp(`clientGroup.${g}` as never) })),
    skillKinds: skillKinds.map((k) => ({ value: k, label: t(`skillKinds.${k}` as never) })),
  };
}

/** Identity and contact fields, shared by the walk-in form and the edit form. */
export async function personFields(values: Record<string, string | undefined>): Promise<RecordField[]> {
  const t = await getTranslations("caseDetails");
  const o = await options();
  return [
    { kind: "text", name: "firstNames", label: t("firstNames"), defaultValue: values.firstNames },
    { kind: "text", name: "lastName", label: t("lastName"), defaultValue: values.lastName },
    { kind: "date", name: "dateOfBirth", label: t("dateOfBirth"), defaultValue: values.dateOfBirth },
    { kind: "text", name: "personalIdentityCode", label: t("personalIdentityCode"), optional: true },
    { kind: "select", name: "gender", label: t("gender"), optional: true, options: o.genders, defaultValue: values.gender },
    { kind: "text", name: "phone", label: t("phone"), optional: true, defaultValue: values.phone },
    { kind: "text", name: "email", label: t("email"), optional: true, defaultValue: values.email },
    { kind: "text", name: "streetAddress", label: t("streetAddress"), optional: true, defaultValue: values.streetAddress },
    { kind: "text", name: "postalCode", label: t("postalCode"), optional: true, defaultValue: values.postalCode },
    { kind: "text", name: "postOffice", label: t("postOffice"), optional: true, defaultValue: values.postOffice },
    { kind: "text", name: "homeMunicipality", label: t("homeMunicipality"), optional: true, defaultValue: values.homeMunicipality },
    { kind: "text", name: "preferredLanguage", label: t("preferredLanguage"), optional: true, defaultValue: values.preferredLanguage },
    { kind: "select", name: "interpreterNeeded", label: t("interpreterNeeded"), options: o.yesNo, defaultValue: values.interpreterNeeded ?? "no" },
    { kind: "text", name: "interpreterLanguage", label: t("interpreterLanguage"), optional: true, defaultValue: values.interpreterLanguage },
    { kind: "text", name: "citizenship", label: t("citizenship"), optional: true, defaultValue: values.citizenship },
  ];
}

export async function DetailForms({ clientId, person }: { clientId: string; person: Record<string, string | undefined> }) {
  const t = await getTranslations("caseDetails");
  const c = await recordFormTexts();
  const o = await options();
  const id: RecordField = { kind: "hidden", name: "clientId", value: clientId };
  const forms = [
    {
      key: "identity",
      title: t("editIdentityContact"),
      node: <RecordForm {...c} testId="edit-identity"
          schema="identityContact" action={updateIdentityContactAction} submitLabel={t("save")} fields={[id, ...(await personFields(person))]} />,
    },
    {
      key: "permit",
      title: t("addPermit"),
      node: (
        <RecordForm
          {...c}
          testId="add-permit"
          schema="residencePermit"
          action={recordResidencePermitAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "select", name: "permitType", label: t("permitType"), options: o.permitTypes },
            { kind: "date", name: "validFrom", label: t("validFrom"), optional: true },
            { kind: "date", name: "validUntil", label: t("validUntil"), optional: true },
            { kind: "text", name: "notes", label: t("notes"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "family",
      title: t("addFamilyMember"),
      node: (
        <RecordForm
          {...c}
          testId="add-family-member"
          schema="familyMember"
          action={recordFamilyMemberAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "text", name: "fullName", label: t("fullName") },
            { kind: "select", name: "relation", label: t("relation"), options: o.relations },
            { kind: "date", name: "dateOfBirth", label: t("dateOfBirth"), optional: true },
            { kind: "select", name: "livesInFinland", label: t("livesInFinland"), options: o.yesNo, defaultValue: "yes" },
            { kind: "select", name: "clientIsGuardian", label: t("clientIsGuardian"), options: o.yesNo },
            { kind: "text", name: "daycareOrSchoolNeed", label: t("daycareOrSchoolNeed"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "skill",
      title: t("addSkill"),
      node: (
        <RecordForm
          {...c}
          testId="add-skill"
          schema="skill"
          action={recordSkillAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "select", name: "kind", label: t("skillKind"), options: o.skillKinds },
            { kind: "text", name: "name", label: t("skillName") },
            { kind: "text", name: "level", label: t("level"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "work",
      title: t("addWork"),
      node: (
        <RecordForm
          {...c}
          testId="add-work"
          schema="workExperience"
          action={recordWorkExperienceAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "text", name: "jobTitle", label: t("jobTitle") },
            { kind: "text", name: "employer", label: t("employer"), optional: true },
            { kind: "text", name: "country", label: t("country"), optional: true },
            { kind: "number", name: "startYear", label: t("startYear"), optional: true },
            { kind: "number", name: "endYear", label: t("endYear"), optional: true },
          ]}
        />
      ),
    },
    {
      key: "education",
      title: t("addEducation"),
      node: (
        <RecordForm
          {...c}
          testId="add-education"
          schema="education"
          action={recordEducationAction}
          submitLabel={t("save")}
          fields={[
            id,
            { kind: "select", name: "level", label: t("educationLevel"), options: o.educationLevels },
            { kind: "text", name: "field", label: t("field"), optional: true },
            { kind: "text", name: "institution", label: t("institution"), optional: true },
            { kind: "text", name: "country", label: t("country"), optional: true },
            { kind: "number", name: "endYear", label: t("endYear"), optional: true },
            { kind: "select", name: "recognisedInFinland", label: t("recognised"), optional: true, options: o.yesNo },
          ]}
        />
      ),
    },
  ];
  return <FoldedForms id="details-title" title={t("title")} forms={forms} />;
}

/** A "remove" button beside a permit, family member, skill, work or education row. */
export async function RemoveRecordButton({ clientId, kind, recordId }: { clientId: string; kind: CaseRecordKind; recordId: string }) {
  const t = await getTranslations("caseDetails");
  return (
    <span className="ms-2 inline-block align-middle">
      <RecordForm
        {...await recordFormTexts()}
        testId={`remove-${recordId}`}
        schema="removeRecord"
        action={removeCaseRecordAction}
        submitLabel={t("remove")}
        fields={[
          { kind: "hidden", name: "clientId", value: clientId },
          { kind: "hidden", name: "kind", value: kind },
          { kind: "hidden", name: "recordId", value: recordId },
        ]}
      />
    </span>
  );
}
