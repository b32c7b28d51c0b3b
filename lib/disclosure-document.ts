import type { DataCategory } from "./data-categories";
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
