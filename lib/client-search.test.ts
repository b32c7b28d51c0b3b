import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  containsPattern,
  interpretSearchText,
  MAX_NAME_WORDS,
  nameSearchWords,
  parseSearchDate,
} from "./client-search";
import { formatPersonalIdentityCode } from "./personal-identity-code";

describe("interpretSearchText", () => {
  it("reads nothing as all clients", () => {
    expect(interpretSearchText(undefined)).toEqual({ kind: "all" });
    expect(interpretSearchText(null)).toEqual({ kind: "all" });
    expect(interpretSearchText("")).toEqual({ kind: "all" });
    expect(interpretSearchText("  \t ")).toEqual({ kind: "all" });
  });

  it("reads a valid identity code of any century sign, normalized", () => {
    expect(interpretSearchText("010594Y9032")).toEqual({ kind: "identityCode", code: "010594Y9032" });
    expect(interpretSearchText(" 131052-308t ")).toEqual({ kind: "identityCode", code: "131052-308T" });
    expect(interpretSearchText("010103f902a")).toEqual({ kind: "identityCode", code: "010103F902A" });
    expect(interpretSearchText("010185+901E")).toEqual({ kind: "identityCode", code: "010185+901E" });
  });

  it("never reads an invalid or partial identity code as an identity code", () => {
    // Wrong check character, impossible date, partial: none is looked up as a code.
    expect(interpretSearchText("131052-308U").kind).not.toBe("identityCode");
    expect(interpretSearchText("310294-9032").kind).not.toBe("identityCode");
    expect(interpretSearchText("131052-308").kind).not.toBe("identityCode");
    expect(interpretSearchText("131052").kind).not.toBe("identityCode");
  });

  it("reads a client number exactly", () => {
    expect(interpretSearchText("2026-000123")).toEqual({ kind: "clientNumber", clientNumber: "2026-000123" });
    expect(interpretSearchText(" 2025-999999 ")).toEqual({ kind: "clientNumber", clientNumber: "2025-999999" });
    expect(interpretSearchText("2026-00012").kind).toBe("name");
    expect(interpretSearchText("2026-0001234").kind).toBe("name");
  });

  it("reads a date of birth in ISO and Finnish form", () => {
    expect(interpretSearchText("1994-05-01")).toEqual({ kind: "dateOfBirth", dateOfBirth: "1994-05-01" });
    expect(interpretSearchText("1.5.1994")).toEqual({ kind: "dateOfBirth", dateOfBirth: "1994-05-01" });
    expect(interpretSearchText("01.05.1994")).toEqual({ kind: "dateOfBirth", dateOfBirth: "1994-05-01" });
    expect(interpretSearchText("29.2.2024")).toEqual({ kind: "dateOfBirth", dateOfBirth: "2024-02-29" });
  });

  it("does not read an impossible date as a date", () => {
    expect(parseSearchDate("2023-02-29")).toBeNull();
    expect(parseSearchDate("31.4.1990")).toBeNull();
    expect(parseSearchDate("1.13.1990")).toBeNull();
    expect(parseSearchDate("1.5.90")).toBeNull();
    expect(interpretSearchText("2023-02-29").kind).toBe("name");
  });

  it("reads anything else as normalized name words", () => {
    expect(interpretSearchText("Mäkelä")).toEqual({ kind: "name", words: ["makela"] });
    expect(interpretSearchText("  ZOË   al-Hassan ")).toEqual({ kind: "name", words: ["zoe", "al-hassan"] });
    expect(interpretSearchText("Олена")).toEqual({ kind: "name", words: ["олена"] });
    expect(interpretSearchText("مُحَمَّد")).toEqual({ kind: "name", words: ["محمد"] });
  });

  it("drops repeated words and keeps at most MAX_NAME_WORDS", () => {
    expect(nameSearchWords("anna Anna ÄNNA")).toEqual(["anna"]);
    const many = Array.from({ length: 20 }, (_, i) => `w${i}`).join(" ");
    expect(nameSearchWords(many)).toHaveLength(MAX_NAME_WORDS);
  });

  it("reads every generated valid code as an identity code, never as a name", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 2, max: 999 }),
        (date, individualNumber) => {
          const code = formatPersonalIdentityCode({ dateOfBirth: date.toISOString().slice(0, 10), individualNumber });
          expect(interpretSearchText(code)).toEqual({ kind: "identityCode", code });
          expect(interpretSearchText(code.toLowerCase())).toEqual({ kind: "identityCode", code });
        },
      ),
    );
  });
});

describe("containsPattern", () => {
  it("takes %, _ and backslash literally", () => {
    expect(containsPattern("ann")).toBe("%ann%");
    expect(containsPattern("50%")).toBe("%50\\%%");
    expect(containsPattern("a_b")).toBe("%a\\_b%");
    expect(containsPattern("a\\b")).toBe("%a\\\\b%");
  });
});
