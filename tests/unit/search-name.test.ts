import { describe, expect, it } from "vitest";
import { normalizeForSearch, toSearchName } from "@/lib/search-name";

describe("toSearchName", () => {
  it("lower-cases and removes diacritics", () => {
    expect(toSearchName("Äïnö Öle", "Mäkelä")).toBe("aino ole makela");
    expect(toSearchName("Ayşe", "Çelik")).toBe("ayse celik");
    expect(toSearchName("José", "Muñoz")).toBe("jose munoz");
  });

  it("maps letters that do not decompose", () => {
    expect(toSearchName("Søren", "Łukasz Straße")).toBe("soren lukasz strasse");
  });

  it("collapses white space", () => {
    expect(toSearchName("  Amina \t Fatima ", " Hassan  ")).toBe("amina fatima hassan");
  });

  it("treats Arabic and Cyrillic names the same way as the query", () => {
    expect(normalizeForSearch("Олександр")).toBe("олександр");
    expect(toSearchName("Андрій", "Коваленко")).toBe(normalizeForSearch("андріи коваленко"));
    expect(normalizeForSearch("مُحَمَّد")).toBe("محمد");
  });

  it("is idempotent", () => {
    const once = toSearchName("Ägnés", "Öztürk");
    expect(normalizeForSearch(once)).toBe(once);
  });
});
