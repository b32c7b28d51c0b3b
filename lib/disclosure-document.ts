import { columnsOfCategory, dataCategories, type ClassifiedTable, type DataCategory } from "./data-categories";
import type { DeliveryMethod } from "./domain-values";

/** The basis a disclosure cites for one category: the consent's id, or the statutory provision. */
export type DisclosureBasisEntry =
  | { category: string; kind: "consent"; consentId: string }
  | { category: string; kind: "statutory"; provision: string };

/** A category's rows, table by table (SQL table name → rows of SQL column name → value). */
export type CategoryRows = Record<string, Record<string, unknown>[]>;
export type DisclosedData = Partial<Record<DataCategory, CategoryRows>>;

/**
 * What a disclosure document holds (DESIGN.md rule 3): only the allowed categories' data, the basis
 * of each, and the disclosure's id. Serialised as JSON it is the file the recipient gets; its SHA-256
 * is in the disclosure log.
 */
export interface DisclosureDocument {
  /** Null in a preview: the id exists once the disclosure is recorded. */
  disclosureId: string | null;
  disclosedAt: string;
  controller: string;
  register: string;
  recipient: { code: string; name: string; businessId: string | null; insideEea: boolean };
  disclosedBy: string;
  purpose: string;
  method: DeliveryMethod;
  requestReference: string | null;
  categories: DataCategory[];
  basis: DisclosureBasisEntry[];
  data: DisclosedData;
}

/** Columns that hold a category's data only as a derivative of another column (search copies, keyed hashes). */
const DERIVED_COLUMNS = new Set(["clients.search_name", "clients.personal_identity_code_hash"]);
const ENCRYPTED_SUFFIX = "_encrypted";

/** A column as a document carries it: `sqlName` is read, `field` names it in the document. */
export interface DocumentColumn {
  table: ClassifiedTable;
  sqlName: string;
  field: string;
  encrypted: boolean;
}

/**
 * The columns a category puts in a disclosure document: the category's columns in the register's
 * one classification (lib/data-categories.ts) less derived ones; encrypted columns go in opened,
 * named without their suffix.
 */
export function documentColumnsOf(category: DataCategory): DocumentColumn[] {
  return columnsOfCategory(category)
    .filter(({ table, column }) => !DERIVED_COLUMNS.has(`${table}.${column}`))
    .map(({ table, column }) => {
      const encrypted = column.endsWith(ENCRYPTED_SUFFIX);
      return { table, sqlName: column, field: encrypted ? column.slice(0, -ENCRYPTED_SUFFIX.length) : column, encrypted };
    });
}

/** Every column any document may carry, for labelling them (messages: disclosures.fields.<table>.<field>). */
export function allDocumentColumns(): DocumentColumn[] {
  return dataCategories.flatMap(documentColumnsOf);
}

// ---------------------------------------------------------------------------------------------
// Reading a stored document (security issue 9): the case's read rules hold for documents too.

/** Where a document carries an identity code: the encrypted column, opened. */
const IDENTITY_CODE_COLUMNS = allDocumentColumns().filter((column) => column.sqlName === "personal_identity_code_encrypted");

/** What the reader may see: functional capacity only where they may read it on the case; the identity code only once revealed. */
export interface DocumentReader {
  mayReadFunctionalCapacity: boolean;
  identityCodeRevealed: boolean;
}

export interface DocumentAsSeen {
  document: DisclosureDocument;
  /** Categories the document holds that this reader may not see: left out, their basis kept. */
  withheld: DataCategory[];
  /** What the stored document holds, so the caller audits the reads that happen. */
  contains: { functionalCapacity: boolean; identityCode: boolean };
  /** Whether an identity code is shown unmasked. */
  identityCodeShown: boolean;
}

/**
 * The document as one reader may see it: a functional-capacity section they may not read is left
 * out (named as withheld), and the identity code is masked like on the case until they reveal it.
 * Pure: the stored JSON is never changed; the caller serves this view, or refuses the exact file when
 * anything is withheld, and audits what `contains` says was read.
 */
export function documentAsSeenBy(document: DisclosureDocument, reader: DocumentReader, mask: (code: string) => string): DocumentAsSeen {
  const hasFunctionalCapacity = document.categories.includes("functionalCapacity");
  const withheld: DataCategory[] = hasFunctionalCapacity && !reader.mayReadFunctionalCapacity ? ["functionalCapacity"] : [];
  const hasIdentityCode = identityCodesOf(document).length > 0;
  const data: DisclosedData = {};
  for (const category of document.categories) {
    if (withheld.includes(category)) continue;
    const tables = document.data[category];
    if (!tables) continue;
    const copy: CategoryRows = {};
    for (const [table, rows] of Object.entries(tables)) {
      const codeFields = IDENTITY_CODE_COLUMNS.filter((column) => column.table === table).map((column) => column.field);
      copy[table] = reader.identityCodeRevealed || codeFields.length === 0
        ? rows
        : rows.map((row) => Object.fromEntries(Object.entries(row).map(([field, value]) => [field, codeFields.includes(field) && typeof value === "string" ? mask(value) : value])));
    }
    data[category] = copy;
  }
  return {
    document: { ...document, categories: document.categories.filter((category) => !withheld.includes(category)), data },
    withheld,
    contains: { functionalCapacity: hasFunctionalCapacity, identityCode: hasIdentityCode },
    identityCodeShown: hasIdentityCode && reader.identityCodeRevealed,
  };
}

/** The identity codes a document holds, for a reveal (audited by the caller). */
export function identityCodesOf(document: DisclosureDocument): string[] {
  const codes: string[] = [];
  for (const { table, field } of IDENTITY_CODE_COLUMNS) {
    for (const category of document.categories) {
      for (const row of document.data[category]?.[table] ?? []) if (typeof row[field] === "string") codes.push(row[field]);
    }
  }
  return codes;
}
