import { columnsOfCategory, dataCategories, type ClassifiedTable, type DataCategory } from "./data-categories";
import type { DeliveryMethod } from "./register-settings";

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
