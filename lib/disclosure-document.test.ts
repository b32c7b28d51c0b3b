import { describe, expect, it } from "vitest";
import en from "../messages/en.json";
import { columnCategories, dataCategories } from "./data-categories";
import { allDocumentColumns, documentAsSeenBy, documentColumnsOf, identityCodesOf, type DisclosureDocument } from "./disclosure-document";

describe("the columns a disclosure document carries", () => {
  it("are exactly a category's classified columns, less derived copies, with encrypted ones opened", () => {
    const identity = documentColumnsOf("identity");
    expect(identity.every(({ table, sqlName }) => (columnCategories as Record<string, Record<string, string>>)[table]?.[sqlName] === "identity")).toBe(true);
    expect(identity.map((c) => c.sqlName)).not.toContain("search_name");
    expect(identity.map((c) => c.sqlName)).not.toContain("personal_identity_code_hash");
    expect(identity.find((c) => c.sqlName === "personal_identity_code_encrypted")).toMatchObject({ field: "personal_identity_code", encrypted: true });
    // No key, meta or staff column ever.
    for (const category of dataCategories) {
      for (const column of documentColumnsOf(category)) {
        expect((columnCategories as Record<string, Record<string, string>>)[column.table]?.[column.sqlName], `${column.table}.${column.sqlName}`).toBe(category);
      }
    }
  });

  it("each have a label in the messages", () => {
    const fields = (en as { disclosures: { fields: Record<string, Record<string, string>> } }).disclosures.fields;
    const missing = allDocumentColumns().filter(({ table, field }) => !fields[table]?.[field]);
    expect(missing.map(({ table, field }) => `${table}.${field}`)).toEqual([]);
  });
});

describe("a stored document as a reader may see it", () => {
  const mask = (code: string) => `${code.slice(0, 7)}****`;
  const code = "010190-900P";
  const document: DisclosureDocument = {
    disclosureId: "11111111-1111-4111-8111-111111111111",
    disclosedAt: "2026-11-02T10:00:00.000Z",
    controller: "Kotolan kunta",
    register: "Asiakasrekisteri",
    recipient: { code: "ely", name: "ELY", businessId: null, insideEea: true },
    disclosedBy: "Ohjaaja",
    purpose: "Kotoutumispalvelut",
    method: "secure_email",
    requestReference: null,
    categories: ["identity", "functionalCapacity"],
    basis: [
      { category: "identity", kind: "consent", consentId: "c1" },
      { category: "functionalCapacity", kind: "consent", consentId: "c1" },
    ],
    data: {
      identity: { clients: [{ first_names: "Amina", personal_identity_code: code }] },
      functionalCapacity: { functional_capacity_entries: [{ content: "Työkyky rajoittunut" }] },
    },
  };
  const asJson = (value: unknown) => JSON.stringify(value);

  it("withholds functional capacity from a reader who may not read it, and masks the identity code until revealed", () => {
    const seen = documentAsSeenBy(document, { mayReadFunctionalCapacity: false, identityCodeRevealed: false }, mask);
    expect(seen.withheld).toEqual(["functionalCapacity"]);
    expect(seen.document.categories).toEqual(["identity"]);
    expect(asJson(seen.document)).not.toContain("Työkyky");
    expect(asJson(seen.document)).not.toContain(code);
    expect(seen.document.data.identity?.clients?.[0]).toEqual({ first_names: "Amina", personal_identity_code: "010190-****" });
    expect(seen.contains).toEqual({ functionalCapacity: true, identityCode: true });
    expect(seen.identityCodeShown).toBe(false);
    // The basis keeps naming what was disclosed.
    expect(seen.document.basis).toHaveLength(2);
  });

  it("shows both to a reader who may read functional capacity and revealed the code", () => {
    const seen = documentAsSeenBy(document, { mayReadFunctionalCapacity: true, identityCodeRevealed: true }, mask);
    expect(seen.withheld).toEqual([]);
    expect(seen.document).toEqual(document);
    expect(seen.identityCodeShown).toBe(true);
    expect(identityCodesOf(document)).toEqual([code]);
  });

  it("never changes the stored document itself", () => {
    const before = asJson(document);
    documentAsSeenBy(document, { mayReadFunctionalCapacity: false, identityCodeRevealed: false }, mask);
    expect(asJson(document)).toBe(before);
  });

  it("says a document without those categories holds neither", () => {
    const plain: DisclosureDocument = { ...document, categories: ["contact"], basis: [], data: { contact: { clients: [{ phone: "+358401234567" }] } } };
    expect(documentAsSeenBy(plain, { mayReadFunctionalCapacity: false, identityCodeRevealed: false }, mask).contains).toEqual({ functionalCapacity: false, identityCode: false });
  });
});
