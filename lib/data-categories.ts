/**
 * The one source of truth of what the register holds. Consents, disclosures, access reports and
 * the privacy notice all speak in these categories (DESIGN.md, "What the register holds"), and
 * every column of every table is classified here: tests/unit/data-categories.test.ts fails when
 * a column is added to db/schema without an entry, or an entry names a column that is gone.
 *
 * No imports from db/: client components (consent forms, settings editor) use this file too.
 */

export const dataCategories = [
  "identity",
  "contact",
  "residence",
  "family",
  "skills",
  "education",
  "appointments",
  "servicePlan",
  "outcomes",
  "functionalCapacity",
  "notes",
] as const;

export type DataCategory = (typeof dataCategories)[number];

/**
 * Special categories: stricter access, and never disclosed without an explicit consent naming
 * the category (DESIGN.md rule 3). Statutory disclosures in the settings may not name them.
 */
export const specialCategories = ["functionalCapacity"] as const satisfies readonly DataCategory[];
export type SpecialCategory = (typeof specialCategories)[number];

/**
 * Classes of columns that are not a client's data in a category:
 * - `key`: ids and foreign keys (the relation, not the content),
 * - `meta`: timestamps, statuses and bookkeeping; consent, disclosure, request, retention and
 *   audit records (the register's own records about its processing),
 * - `staff`: staff accounts' own data,
 * - `config`: register settings, agencies, consent texts,
 * - `intake`: an intake draft's or submission's answers (and its identity code), which mix
 *   categories until staff accept the submission into a client record,
 * - `disclosed`: the encrypted copy of a disclosure document, holding the categories that disclosure
 *   lists (its row says which), or of a document given to the data subject (rights_documents).
 */
export const nonClientClasses = ["key", "meta", "staff", "config", "intake", "disclosed"] as const;
export type NonClientClass = (typeof nonClientClasses)[number];

export type ColumnClass = DataCategory | NonClientClass;

/** SQL table name → SQL column name → class. Order follows db/schema. */
export const columnCategories = {
  // db/schema/staff.ts
  staff_users: {
    id: "key",
    email: "staff",
    display_name: "staff",
    role: "staff",
    password_hash: "staff",
    must_change_password: "staff",
    locale: "staff",
    is_demo: "meta",
    disabled_at: "meta",
    created_at: "meta",
    updated_at: "meta",
  },
  staff_sessions: {
    id: "key",
    user_id: "key",
    created_at: "meta",
    last_seen_at: "meta",
    expires_at: "meta",
    revoked_at: "meta",
    revoked_reason: "meta",
    ip_address: "staff",
    user_agent: "staff",
  },
  staff_role_grants: {
    id: "key",
    staff_id: "key",
    role: "staff",
    previous_role: "staff",
    status: "meta",
    requested_by: "key",
    requested_at: "meta",
    decided_by: "key",
    decided_at: "meta",
  },
  rate_limits: {
    key: "meta",
    points: "meta",
    expire: "meta",
  },
  // db/schema/sign-in.ts: keyed hashes of typed emails and addresses, never either in clear.
  sign_in_throttles: {
    key: "meta",
    scope: "meta",
    staff_id: "key",
    failures: "meta",
    last_failure_at: "meta",
    blocked_until: "meta",
    last_success_at: "meta",
  },

  // db/schema/settings.ts
  register_settings: {
    id: "key",
    settings: "config",
    data_key_check: "config",
    updated_at: "meta",
    updated_by: "key",
  },
  register_settings_history: {
    id: "key",
    saved_at: "meta",
    saved_by: "key",
    changed_keys: "meta",
    previous_settings: "config",
    settings: "config",
  },
  agencies: {
    id: "key",
    code: "config",
    name: "config",
    names: "config",
    business_id: "config",
    inside_eea: "config",
    delivery_method: "config",
    active: "config",
    created_at: "meta",
  },
  consent_texts: {
    id: "key",
    kind: "config",
    version: "config",
    locale: "config",
    body: "config",
    sha256: "config",
    created_at: "meta",
  },

  // db/schema/clients.ts
  clients: {
    id: "key",
    client_number: "identity",
    first_names: "identity",
    last_name: "identity",
    search_name: "identity",
    date_of_birth: "identity",
    personal_identity_code_encrypted: "identity",
    personal_identity_code_hash: "identity",
    gender: "identity",
    unhcr_id: "identity",
    street_address: "contact",
    postal_code: "contact",
    post_office: "contact",
    phone: "contact",
    email: "contact",
    home_municipality: "contact",
    preferred_language: "contact",
    interpreter_needed: "contact",
    interpreter_language: "contact",
    preferred_contact_method: "contact",
    citizenships: "residence",
    arrival_date: "residence",
    client_group: "residence",
    marital_status: "family",
    basis: "meta",
    status: "meta",
    assigned_caseworker_id: "key",
    restricted_at: "meta",
    closed_at: "meta",
    close_reason: "meta",
    is_synthetic: "meta",
    created_at: "meta",
    updated_at: "meta",
  },
  client_number_counters: {
    year: "meta",
    last: "meta",
  },
  residence_permits: {
    id: "key",
    client_id: "key",
    permit_type: "residence",
    valid_from: "residence",
    valid_until: "residence",
    notes: "residence",
    created_at: "meta",
  },
  family_members: {
    id: "key",
    client_id: "key",
    related_client_id: "key",
    relation: "family",
    full_name: "family",
    date_of_birth: "family",
    lives_in_finland: "family",
    client_is_guardian: "family",
    daycare_or_school_need: "family",
    created_at: "meta",
  },

  // db/schema/case.ts
  skills: {
    id: "key",
    client_id: "key",
    kind: "skills",
    name: "skills",
    level: "skills",
    notes: "skills",
    created_at: "meta",
  },
  work_experiences: {
    id: "key",
    client_id: "key",
    job_title: "skills",
    employer: "skills",
    country: "skills",
    start_year: "skills",
    end_year: "skills",
    years: "skills",
    description: "skills",
    created_at: "meta",
  },
  educations: {
    id: "key",
    client_id: "key",
    level: "education",
    field: "education",
    institution: "education",
    country: "education",
    start_year: "education",
    end_year: "education",
    degree: "education",
    recognised_in_finland: "education",
    created_at: "meta",
  },
  appointments: {
    id: "key",
    client_id: "key",
    starts_at: "appointments",
    duration_minutes: "appointments",
    channel: "appointments",
    interpreter_language: "appointments",
    // DESIGN.md lists the staff member among an appointment's data, so this reference is
    // appointment content (shown in access reports), not a bare key.
    staff_id: "appointments",
    status: "appointments",
    purpose: "appointments",
    created_at: "meta",
  },
  visits: {
    id: "key",
    client_id: "key",
    appointment_id: "key",
    occurred_at: "appointments",
    channel: "appointments",
    interpreter_language: "appointments",
    staff_id: "appointments",
    notes: "appointments",
    created_at: "meta",
  },
  initial_assessments: {
    id: "key",
    client_id: "key",
    assessed_on: "servicePlan",
    content: "servicePlan",
    further_measures: "servicePlan",
    planned_plan_date: "servicePlan",
    other_referral: "servicePlan",
    authors: "servicePlan",
    sources: "servicePlan",
    service_needs: "servicePlan",
    created_by: "key",
    created_at: "meta",
  },
  integration_plans: {
    id: "key",
    client_id: "key",
    plan_date: "servicePlan",
    valid_until: "servicePlan",
    goals: "servicePlan",
    job_search: "servicePlan",
    studies: "servicePlan",
    skills_acquisition: "servicePlan",
    authors: "servicePlan",
    review_due_on: "servicePlan",
    sources: "servicePlan",
    created_by: "key",
    created_at: "meta",
  },
  integration_plan_measures: {
    id: "key",
    plan_id: "key",
    description: "servicePlan",
    provider: "servicePlan",
    starts_on: "servicePlan",
    ends_on: "servicePlan",
    created_at: "meta",
  },
  integration_plan_reviews: {
    id: "key",
    plan_id: "key",
    reviewed_on: "servicePlan",
    summary: "servicePlan",
    next_review_on: "servicePlan",
    reviewed_by: "key",
    created_at: "meta",
  },
  outcomes: {
    id: "key",
    client_id: "key",
    kind: "outcomes",
    description: "outcomes",
    started_on: "outcomes",
    ended_on: "outcomes",
    created_at: "meta",
  },
  functional_capacity_entries: {
    id: "key",
    client_id: "key",
    assessed_on: "functionalCapacity",
    content: "functionalCapacity",
    recorded_by: "key",
    created_at: "meta",
  },
  case_notes: {
    id: "key",
    client_id: "key",
    body: "notes",
    intake_decision: "notes",
    author_id: "key",
    created_at: "meta",
  },

  // db/schema/consents.ts
  consents: {
    id: "key",
    client_id: "key",
    submission_id: "key",
    kind: "meta",
    granted: "meta",
    agency_id: "key",
    source_authority: "meta",
    categories: "meta",
    purpose: "meta",
    valid_from: "meta",
    valid_until: "meta",
    given_at: "meta",
    channel: "meta",
    consent_text_id: "key",
    text_sha256: "meta",
    locale: "meta",
    paper_reference: "meta",
    recorded_by: "key",
    withdrawn_at: "meta",
    withdrawal_channel: "meta",
    withdrawal_recorded_by: "key",
    created_at: "meta",
  },
  disclosures: {
    id: "key",
    client_id: "key",
    agency_id: "key",
    categories: "meta",
    basis: "meta",
    purpose: "meta",
    method: "meta",
    request_reference: "meta",
    document_sha256: "meta",
    document_encrypted: "disclosed",
    disclosed_by: "key",
    disclosed_at: "meta",
  },

  // db/schema/intake.ts
  intake_drafts: {
    id: "key",
    locale: "meta",
    answers: "intake",
    personal_identity_code_encrypted: "intake",
    created_at: "meta",
    updated_at: "meta",
    expires_at: "meta",
  },
  intake_submissions: {
    id: "key",
    reference: "meta",
    locale: "meta",
    answers: "intake",
    personal_identity_code_encrypted: "intake",
    personal_identity_code_hash: "intake",
    status: "meta",
    accepted_client_id: "key",
    decided_by: "key",
    decided_at: "meta",
    submitted_at: "meta",
  },

  // db/schema/requests.ts
  data_subject_requests: {
    id: "key",
    client_id: "key",
    kind: "meta",
    channel: "meta",
    identity_verification: "meta",
    identity_verification_note: "meta",
    identity_verified_by: "key",
    identity_verified_at: "meta",
    requester: "meta",
    requester_name: "meta",
    guardian_client_id: "key",
    guardian_family_member_id: "key",
    reply_language: "meta",
    description: "meta",
    received_on: "meta",
    due_on: "meta",
    extended_due_on: "meta",
    extension_reasons: "meta",
    extension_told_on: "meta",
    extended_by: "key",
    status: "meta",
    decision: "meta",
    decision_reasons: "meta",
    decided_on: "meta",
    decided_by: "key",
    completed_at: "meta",
    closed_by: "key",
    handled_by: "key",
    logged_by: "key",
    created_at: "meta",
  },

  // db/schema/restrictions.ts: the register's own records of restrictions and of notices to
  // recipients (GDPR Arts 18–19), which name categories and agencies, never the data itself.
  client_restrictions: {
    id: "key",
    client_id: "key",
    request_id: "key",
    ground: "meta",
    applied_by: "key",
    applied_at: "meta",
    lift_notice_told_on: "meta",
    lift_notice_method: "meta",
    lift_notice_locale: "meta",
    lift_notice_document_id: "key",
    lift_notice_recorded_by: "key",
    lift_notice_recorded_at: "meta",
    lifted_by: "key",
    lifted_at: "meta",
  },
  recipient_notices: {
    id: "key",
    client_id: "key",
    cause: "meta",
    request_id: "key",
    restriction_id: "key",
    agency_id: "key",
    categories: "meta",
    disclosure_ids: "key",
    correction_seqs: "key",
    method: "meta",
    sent_on: "meta",
    locale: "meta",
    document_id: "key",
    recorded_by: "key",
    recorded_at: "meta",
  },
  request_corrections: {
    request_id: "key",
    audit_seq: "key",
    linked_by: "key",
    linked_at: "meta",
  },

  // db/schema/rights-documents.ts: the encrypted copy of what a data subject was given, holding
  // the categories the document lists (the access report: all of the client's).
  rights_documents: {
    id: "key",
    kind: "meta",
    request_id: "key",
    client_id: "key",
    locale: "meta",
    json_sha256: "meta",
    pdf_sha256: "meta",
    json_encrypted: "disclosed",
    pdf_encrypted: "disclosed",
    released_by: "key",
    released_at: "meta",
  },

  // db/schema/audit.ts
  audit_events: {
    seq: "key",
    occurred_at: "meta",
    actor_id: "key",
    action: "meta",
    client_id: "key",
    details: "meta",
    reason: "meta",
    request_id: "meta",
    prev_hash: "meta",
    hash: "meta",
    hash_version: "meta",
  },

  // db/schema/retention.ts
  deletion_records: {
    id: "key",
    subject_kind: "meta",
    subject_reference: "meta",
    reason: "meta",
    archive_reference: "meta",
    deleted_by: "key",
    deleted_at: "meta",
  },
} as const satisfies Record<string, Record<string, ColumnClass>>;

export type ClassifiedTable = keyof typeof columnCategories;

/**
 * How a table holding client data reaches its client: directly by a column, or through a parent
 * table. Access reports and disclosure documents use this to collect a category's rows.
 */
export type ClientLink =
  | { kind: "direct"; column: string }
  | { kind: "via"; column: string; parentTable: ClassifiedTable; parentKey: string; parentClientColumn: string };

export const clientLinks: Partial<Record<ClassifiedTable, ClientLink>> = {
  clients: { kind: "direct", column: "id" },
  residence_permits: { kind: "direct", column: "client_id" },
  family_members: { kind: "direct", column: "client_id" },
  skills: { kind: "direct", column: "client_id" },
  work_experiences: { kind: "direct", column: "client_id" },
  educations: { kind: "direct", column: "client_id" },
  appointments: { kind: "direct", column: "client_id" },
  visits: { kind: "direct", column: "client_id" },
  initial_assessments: { kind: "direct", column: "client_id" },
  integration_plans: { kind: "direct", column: "client_id" },
  integration_plan_measures: {
    kind: "via",
    column: "plan_id",
    parentTable: "integration_plans",
    parentKey: "id",
    parentClientColumn: "client_id",
  },
  integration_plan_reviews: {
    kind: "via",
    column: "plan_id",
    parentTable: "integration_plans",
    parentKey: "id",
    parentClientColumn: "client_id",
  },
  outcomes: { kind: "direct", column: "client_id" },
  functional_capacity_entries: { kind: "direct", column: "client_id" },
  case_notes: { kind: "direct", column: "client_id" },
};

export interface TableColumn {
  table: ClassifiedTable;
  column: string;
}

export function isDataCategory(value: unknown): value is DataCategory {
  return typeof value === "string" && (dataCategories as readonly string[]).includes(value);
}

export function isSpecialCategory(value: unknown): value is SpecialCategory {
  return typeof value === "string" && (specialCategories as readonly string[]).includes(value);
}

/** The class of a column, or undefined when the table or column is not classified. */
export function categoryOfColumn(table: string, column: string): ColumnClass | undefined {
  if (!Object.hasOwn(columnCategories, table)) return undefined;
  const columns: Record<string, ColumnClass> = columnCategories[table as ClassifiedTable];
  return Object.hasOwn(columns, column) ? columns[column] : undefined;
}

/** Every column holding a category (or a non-client class), in schema order. */
export function columnsOfCategory(category: ColumnClass): TableColumn[] {
  const found: TableColumn[] = [];
  for (const [table, columns] of Object.entries(columnCategories) as [ClassifiedTable, Record<string, ColumnClass>][]) {
    for (const [column, cls] of Object.entries(columns)) {
      if (cls === category) found.push({ table, column });
    }
  }
  return found;
}

/** The client-data categories a table holds (empty for tables without client data). */
export function categoriesOfTable(table: string): DataCategory[] {
  if (!Object.hasOwn(columnCategories, table)) return [];
  const columns: Record<string, ColumnClass> = columnCategories[table as ClassifiedTable];
  return dataCategories.filter((category) => Object.values(columns).includes(category));
}
