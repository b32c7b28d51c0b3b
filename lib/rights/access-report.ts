import { categoryOfColumn, clientLinks, dataCategories, isDataCategory, type ClassifiedTable, type DataCategory } from "../data-categories";
import { documentColumnsOf, type DisclosureBasisEntry } from "../disclosure-document";
import type { ConsentChannel, ConsentKind, DeliveryMethod, NoticeCause } from "../domain-values";
import { localised, type RegisterSettings } from "../register-settings";
import { settingsTextFallbacks, type PublicLocale } from "../i18n/locales";

/**
 * The access report (GDPR Art 15(1); DESIGN.md "Rights in detail"): everything the register holds
 * about one person and everything it did with it, assembled by one pure function from the one
 * column classification (lib/data-categories.ts) and the register's own records. db/access-report.ts
 * reads the inputs; the report's JSON is this object, and its PDF is drawn from it
 * (lib/rights/access-report-document.ts). Staff members are never named: not in the consultations
 * (C-579/21, Pankki S: the dates and purposes, not the employees) nor in the consents' evidence.
 */

export const ACCESS_REPORT_FORMAT = "kotona.access-report/1";

/** Rows as read from the database: SQL table name → rows of SQL column name → value. */
export type RegisterRows = Partial<Record<ClassifiedTable, Record<string, unknown>[]>>;

/**
 * Where a record came from: the person's own electronic intake form (created when staff accepted
 * or merged the submission), or staff (at a visit, by phone, from documents the person brought or,
 * with their consent, from another authority). Kotona stores no finer provenance per record; the
 * authorities the person allowed data to be obtained from are listed with the sources.
 */
export const recordSources = ["electronic_form", "staff"] as const;
export type RecordSource = (typeof recordSources)[number];

export interface ReportRecord {
  source: RecordSource;
  /** Document field name (an encrypted column without its suffix, opened) → value. */
  fields: Record<string, unknown>;
}

export interface ReportTable {
  table: ClassifiedTable;
  records: ReportRecord[];
}

export interface ReportConsent {
  kind: ConsentKind;
  granted: boolean;
  recipient: { code: string; name: string } | null;
  authority: { code: string; name: string } | null;
  categories: DataCategory[];
  purpose: string | null;
  validFrom: string | null;
  validUntil: string | null;
  givenAt: string;
  channel: ConsentChannel;
  /** The text version the person saw and its SHA-256, or the signed paper's reference. */
  evidence: { textVersion: number | null; textSha256: string | null; locale: string | null; paperReference: string | null };
  withdrawnAt: string | null;
  withdrawalChannel: string | null;
}

/** A recipient told of a rectification, erasure or restriction of the data it received (GDPR Art 19). */
export interface ReportNotice {
  cause: NoticeCause;
  sentOn: string;
  recipient: { code: string; name: string };
  categories: DataCategory[];
  method: DeliveryMethod;
}

export interface ReportRecipient {
  disclosureId: string;
  disclosedAt: string;
  recipient: { code: string; name: string; insideEea: boolean };
  categories: DataCategory[];
  /** Per category: the consent (its id) or the statutory provision. */
  basis: ({ category: string; kind: "consent"; consentId: string } | { category: string; kind: "statutory"; provision: string })[];
  purpose: string;
  method: DeliveryMethod;
}

/** Why the data was looked at, by the kind of event the audit trail recorded. */
export const consultationPurposes = [
  "case_view",
  "search",
  "identity_code",
  "functional_capacity",
  "case_record",
  "intake",
  "disclosure",
  "data_subject_request",
  "audit",
  "other",
] as const;
export type ConsultationPurpose = (typeof consultationPurposes)[number];

export interface ReportConsultation {
  at: string;
  purpose: ConsultationPurpose;
  /** The reason staff stated for opening a client who was not theirs. */
  statedReason: string | null;
}

export interface AccessReport {
  format: typeof ACCESS_REPORT_FORMAT;
  generatedAt: string;
  locale: PublicLocale;
  requestId: string | null;
  controller: { name: string; unit: string | null; addressLines: string[]; email: string; phone: string | null; businessId: string | null };
  dpo: { role: string; email: string; phone: string | null; addressLines: string[] };
  subject: { clientNumber: string; firstNames: string; lastName: string; dateOfBirth: string | null };
  purposes: { register: string; purpose: string; legalBasis: RegisterSettings["legalBasis"]["kind"]; provisions: string[] };
  /** Every category, in the register's order; a category with nothing recorded has no tables. */
  data: { category: DataCategory; tables: ReportTable[] }[];
  sources: { registerSources: string[]; authorities: { code: string; name: string }[] };
  recipients: ReportRecipient[];
  /** Recipients told of a rectification, erasure or restriction (Art 19: the person may learn who they are). */
  notices: ReportNotice[];
  consents: ReportConsent[];
  retention: {
    monthsAfterPurposeEnded: number;
    permanentDocuments: RegisterSettings["retention"]["permanentDocuments"];
    archiveDecision: string | null;
    /** When the case was closed (the purpose ended), if it was. */
    caseClosedAt: string | null;
  };
  ombudsman: { name: string; addressLines: string[]; url: string | null };
  consultations: ReportConsultation[];
}

// ---------------------------------------------------------------------------------------------
// Inputs

export interface ConsentInput {
  kind: ConsentKind;
  granted: boolean;
  agencyId: string | null;
  sourceAuthority: string | null;
  categories: string[];
  purpose: string | null;
  validFrom: string | null;
  validUntil: string | null;
  givenAt: Date;
  channel: ConsentChannel;
  textVersion: number | null;
  textSha256: string | null;
  locale: string | null;
  paperReference: string | null;
  withdrawnAt: Date | null;
  withdrawalChannel: string | null;
}

export interface DisclosureInput {
  id: string;
  agencyId: string;
  categories: string[];
  basis: DisclosureBasisEntry[];
  purpose: string;
  method: DeliveryMethod;
  disclosedAt: Date;
}

export interface NoticeInput {
  cause: NoticeCause;
  agencyId: string;
  categories: string[];
  method: DeliveryMethod;
  /** YYYY-MM-DD. */
  sentOn: string;
}

export interface AgencyInput {
  id: string;
  code: string;
  name: string;
  insideEea: boolean;
}

/** An audit event about the client, without who did it (the reader never gets the actor). */
export interface ConsultationInput {
  occurredAt: Date;
  action: string;
  reason: string | null;
}

export interface AccessReportInput {
  clientId: string;
  locale: PublicLocale;
  generatedAt: Date;
  requestId: string | null;
  settings: RegisterSettings;
  /** The personal-data tables' rows; rows of other clients may be there and are left out. */
  rows: RegisterRows;
  /** Opens an encrypted column (the identity code). */
  decrypt: (stored: string) => string;
  /** When the client's intake submissions were accepted or merged: records created then came from the form. */
  intakeDecidedAt: Date[];
  consents: ConsentInput[];
  disclosures: DisclosureInput[];
  notices: NoticeInput[];
  agencies: AgencyInput[];
  consultations: ConsultationInput[];
}

// ---------------------------------------------------------------------------------------------
// The client's rows, by the classification

function isClientsRow(row: Record<string, unknown>, link: NonNullable<(typeof clientLinks)[ClassifiedTable]>, clientId: string, rows: RegisterRows): boolean {
  if (link.kind === "direct") return row[link.column] === clientId;
  const parents = rows[link.parentTable] ?? [];
  return parents.some((parent) => parent[link.parentKey] === row[link.column] && parent[link.parentClientColumn] === clientId);
}

function iso(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/** A record's fields in one category: the category's document columns, derived ones out, encrypted ones opened. */
function recordFields(table: ClassifiedTable, category: DataCategory, row: Record<string, unknown>, decrypt: (stored: string) => string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const column of documentColumnsOf(category)) {
    if (column.table !== table) continue;
    const value = row[column.sqlName];
    if (!hasValue(value)) continue;
    fields[column.field] = column.encrypted ? (typeof value === "string" ? decrypt(value) : null) : iso(value);
  }
  return fields;
}

function sourceOf(row: Record<string, unknown>, intakeDecidedAt: Set<number>): RecordSource {
  const created = row.created_at;
  const time = created instanceof Date ? created.getTime() : typeof created === "string" ? Date.parse(created) : Number.NaN;
  return intakeDecidedAt.has(time) ? "electronic_form" : "staff";
}

/** Every category with the client's records in it, table by table, in the classification's order. */
export function clientDataByCategory(input: Pick<AccessReportInput, "clientId" | "rows" | "decrypt" | "intakeDecidedAt">): AccessReport["data"] {
  const decided = new Set(input.intakeDecidedAt.map((at) => at.getTime()));
  return dataCategories.map((category) => {
    const tables: ReportTable[] = [];
    const tableNames = [...new Set(documentColumnsOf(category).map((column) => column.table))];
    for (const table of tableNames) {
      const link = clientLinks[table];
      if (!link) throw new Error(`${table} holds client data but has no client link in lib/data-categories.ts`);
      const records = (input.rows[table] ?? [])
        .filter((row) => isClientsRow(row, link, input.clientId, input.rows))
        .map((row) => ({ source: sourceOf(row, decided), fields: recordFields(table, category, row, input.decrypt) }))
        .filter((record) => Object.keys(record.fields).length > 0);
      if (records.length > 0) tables.push({ table, records });
    }
    return { category, tables };
  });
}

// ---------------------------------------------------------------------------------------------
// The consultations (C-579/21)

const PURPOSE_BY_ACTION: Record<string, ConsultationPurpose> = {
  "client.viewed": "case_view",
  "client.access_reason_given": "case_view",
  "client.searched": "search",
  "client.list_viewed": "search",
  "client.identity_code_revealed": "identity_code",
  "client.functional_capacity_viewed": "functional_capacity",
};

const PURPOSE_BY_PREFIX: [string, ConsultationPurpose][] = [
  ["case.", "case_record"],
  ["client.", "case_record"],
  ["consent.", "case_record"],
  ["intake.", "intake"],
  ["disclosure.", "disclosure"],
  ["export.", "disclosure"],
  ["request.", "data_subject_request"],
  ["rights_document.", "data_subject_request"],
  ["restriction.", "data_subject_request"],
  ["notice.", "data_subject_request"],
  ["audit.", "audit"],
];

export function consultationPurposeOf(action: string): ConsultationPurpose {
  return PURPOSE_BY_ACTION[action] ?? PURPOSE_BY_PREFIX.find(([prefix]) => action.startsWith(prefix))?.[1] ?? "other";
}

// ---------------------------------------------------------------------------------------------
// The report

function categoriesOf(values: readonly string[]): DataCategory[] {
  return dataCategories.filter((category) => values.includes(category) && isDataCategory(category));
}

export function buildAccessReport(input: AccessReportInput): AccessReport {
  const { settings, locale } = input;
  const fallbacks = settingsTextFallbacks(locale);
  const text = (value: Parameters<typeof localised>[0]) => localised(value, locale, fallbacks);
  const client = (input.rows.clients ?? []).find((row) => row.id === input.clientId);
  if (!client) throw new Error("The access report's client is not among the rows read");
  const agencyById = new Map(input.agencies.map((agency) => [agency.id, agency]));
  const agencyName = (agency: AgencyInput) => {
    const configured = settings.agencies.find((candidate) => candidate.code === agency.code);
    return configured ? text({ fi: configured.name, ...configured.names }) : agency.name;
  };
  const authorityName = (code: string) => {
    const authority = settings.obtainFromAuthorities.find((candidate) => candidate.code === code);
    return authority ? text(authority.name) : code;
  };

  const consents: ReportConsent[] = input.consents.map((consent) => {
    const agency = consent.agencyId ? agencyById.get(consent.agencyId) : undefined;
    return {
      kind: consent.kind,
      granted: consent.granted,
      recipient: agency ? { code: agency.code, name: agencyName(agency) } : null,
      authority: consent.sourceAuthority ? { code: consent.sourceAuthority, name: authorityName(consent.sourceAuthority) } : null,
      categories: categoriesOf(consent.categories),
      purpose: consent.purpose,
      validFrom: consent.validFrom,
      validUntil: consent.validUntil,
      givenAt: consent.givenAt.toISOString(),
      channel: consent.channel,
      evidence: { textVersion: consent.textVersion, textSha256: consent.textSha256, locale: consent.locale, paperReference: consent.paperReference },
      withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
      withdrawalChannel: consent.withdrawalChannel,
    };
  });

  const recipients: ReportRecipient[] = [...input.disclosures]
    .sort((a, b) => a.disclosedAt.getTime() - b.disclosedAt.getTime())
    .map((disclosure) => {
      const agency = agencyById.get(disclosure.agencyId);
      return {
        disclosureId: disclosure.id,
        disclosedAt: disclosure.disclosedAt.toISOString(),
        recipient: agency ? { code: agency.code, name: agencyName(agency), insideEea: agency.insideEea } : { code: "", name: "", insideEea: true },
        categories: categoriesOf(disclosure.categories),
        basis: disclosure.basis.map((entry) => (entry.kind === "consent" ? entry : { category: entry.category, kind: "statutory" as const, provision: entry.provision })),
        purpose: disclosure.purpose,
        method: disclosure.method,
      };
    });

  const notices: ReportNotice[] = [...input.notices]
    .sort((a, b) => a.sentOn.localeCompare(b.sentOn))
    .map((notice) => {
      const agency = agencyById.get(notice.agencyId);
      return {
        cause: notice.cause,
        sentOn: notice.sentOn,
        recipient: agency ? { code: agency.code, name: agencyName(agency) } : { code: "", name: "" },
        categories: categoriesOf(notice.categories),
        method: notice.method,
      };
    });

  const authorities = new Map<string, string>();
  for (const consent of consents) {
    if (consent.kind === "obtain_data" && consent.granted && consent.authority) authorities.set(consent.authority.code, consent.authority.name);
  }

  return {
    format: ACCESS_REPORT_FORMAT,
    generatedAt: input.generatedAt.toISOString(),
    locale,
    requestId: input.requestId,
    controller: {
      name: text(settings.controller.name),
      unit: settings.controller.unit ? text(settings.controller.unit) : null,
      addressLines: settings.controller.addressLines,
      email: settings.controller.email,
      phone: settings.controller.phone ?? null,
      businessId: settings.controller.businessId ?? null,
    },
    dpo: { role: text(settings.dpo.role), email: settings.dpo.email, phone: settings.dpo.phone ?? null, addressLines: settings.dpo.addressLines ?? settings.controller.addressLines },
    subject: {
      clientNumber: String(client.client_number ?? ""),
      firstNames: String(client.first_names ?? ""),
      lastName: String(client.last_name ?? ""),
      dateOfBirth: typeof client.date_of_birth === "string" ? client.date_of_birth : null,
    },
    purposes: {
      register: text(settings.register.name),
      purpose: text(settings.register.purpose),
      legalBasis: settings.legalBasis.kind,
      provisions: settings.legalBasis.provisions.map(text),
    },
    data: clientDataByCategory(input),
    sources: { registerSources: settings.dataSources.map(text), authorities: [...authorities].map(([code, name]) => ({ code, name })) },
    recipients,
    notices,
    consents,
    retention: {
      monthsAfterPurposeEnded: settings.retention.caseMonthsAfterPurposeEnded,
      permanentDocuments: settings.retention.permanentDocuments,
      archiveDecision: settings.retention.archiveDecision ? text(settings.retention.archiveDecision) : null,
      caseClosedAt: client.closed_at instanceof Date ? client.closed_at.toISOString() : typeof client.closed_at === "string" ? client.closed_at : null,
    },
    ombudsman: { name: text(settings.ombudsman.name), addressLines: settings.ombudsman.addressLines, url: settings.ombudsman.url ?? null },
    consultations: [...input.consultations]
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map((event) => ({ at: event.occurredAt.toISOString(), purpose: consultationPurposeOf(event.action), statedReason: event.reason })),
  };
}

/** The report's JSON as given to the person: stable key order, indented for reading. */
export function accessReportJson(report: AccessReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Whether a column is derived (search copy, keyed hash): never in a report. Re-exported for tests. */
export function isReportedColumn(table: ClassifiedTable, column: string): boolean {
  const category = categoryOfColumn(table, column);
  if (!isDataCategory(category)) return false;
  return documentColumnsOf(category).some((documentColumn) => documentColumn.table === table && documentColumn.sqlName === column);
}
