/**
 * Value lists shared by the database enums (db/schema/enums.ts), the register settings and the
 * intake form, kept free of database imports so browser bundles can use them.
 */
export const clientGroups = ["resident", "reception_services", "settlement_services"] as const;
export type ClientGroup = (typeof clientGroups)[number];

export const permitTypes = [
  "international_protection",
  "temporary_protection",
  "family_ties",
  "work",
  "studies",
  "eu_registration",
  "permanent",
  "other",
  "not_known",
] as const;
export type PermitType = (typeof permitTypes)[number];
