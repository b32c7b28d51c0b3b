import { describe, expect, it } from "vitest";
import en from "../messages/en.json";
import { columnCategories, dataCategories } from "./data-categories";
import { allDocumentColumns, documentColumnsOf } from "./disclosure-document";

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
