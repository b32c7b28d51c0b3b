import { describe, expect, it } from "vitest";
import { aboutAnswersWithCodeOnFile, draftExpiresAt, IDENTITY_CODE_ON_FILE, intakeCookieId, valuesForFields } from "./draft-policy";
import { aboutSchema } from "./steps";

const CODE = "270390-907A";
const about = {
  firstNames: "Amina",
  lastName: "Esimerkki",
  dateOfBirth: "1990-03-27",
  hasIdentityCode: "yes",
  personalIdentityCode: "",
  citizenship: "Somalia",
  nativeLanguage: "Somali",
  interpreterNeeded: "no",
};

describe("the draft's idle limit", () => {
  it("expires the given minutes after the last save", () => {
    const now = new Date("2026-11-20T08:30:00.000Z");
    expect(draftExpiresAt(now, 20).toISOString()).toBe("2026-11-20T08:50:00.000Z");
    expect(draftExpiresAt(now, 240).toISOString()).toBe("2026-11-20T12:30:00.000Z");
  });
});

describe("an intake cookie's value", () => {
  it("is an id only when it is a UUID", () => {
    const id = "5b0c1d9e-2f4a-4c1b-9b7e-0a1b2c3d4e5f";
    expect(intakeCookieId(id)).toBe(id);
    expect(intakeCookieId(id.toUpperCase())).toBe(id);
    for (const bad of [undefined, "", "garbage", `${id}0`, ` ${id}`, `${id}\u0000`, "x".repeat(4096), `${id}' OR '1'='1`, "%00", "5b0c1d9e2f4a4c1b9b7e0a1b2c3d4e5f"]) {
      expect(intakeCookieId(bad), JSON.stringify(bad?.slice(0, 50))).toBeUndefined();
    }
  });
});

describe("the identity code is never put back into a field", () => {
  it("drops a typed code and a code on file from what the fields show, and says one is on file", () => {
    expect(valuesForFields({ ...about, personalIdentityCode: CODE }, false)).not.toHaveProperty("personalIdentityCode");
    const { personalIdentityCode: _empty, ...withoutCode } = about;
    expect(valuesForFields({ ...about, personalIdentityCode: CODE }, true)).toEqual({ ...withoutCode, [IDENTITY_CODE_ON_FILE]: "yes" });
    // A hint posted by someone is not believed: only the draft says whether a code is on file.
    expect(valuesForFields({ ...about, [IDENTITY_CODE_ON_FILE]: "yes" }, false)).not.toHaveProperty(IDENTITY_CODE_ON_FILE);
  });

  it("keeps the code on file when the field is left empty, and checks it like a typed one", () => {
    const parsed = aboutSchema.parse(aboutAnswersWithCodeOnFile({ ...about, [IDENTITY_CODE_ON_FILE]: "yes" }, CODE));
    expect(parsed.personalIdentityCode).toBe(CODE);
    expect(parsed).not.toHaveProperty(IDENTITY_CODE_ON_FILE);
    // The code on file must still agree with the date of birth.
    const moved = aboutSchema.safeParse(aboutAnswersWithCodeOnFile({ ...about, dateOfBirth: "1991-03-27" }, CODE));
    expect(moved.error?.issues.map((i) => i.message)).toContain("identityCodeDateMismatch");
  });

  it("replaces the code on file with a typed one, and drops it when the person says they have none", () => {
    const typed = "010101A123N";
    expect(aboutAnswersWithCodeOnFile({ ...about, personalIdentityCode: typed }, CODE).personalIdentityCode).toBe(typed);
    const none = aboutSchema.parse(aboutAnswersWithCodeOnFile({ ...about, hasIdentityCode: "no" }, CODE));
    expect(none.personalIdentityCode).toBeUndefined();
  });

  it("on the server an empty field without a code on file is required, whatever the browser claims", () => {
    const result = aboutSchema.safeParse(aboutAnswersWithCodeOnFile({ ...about, [IDENTITY_CODE_ON_FILE]: "yes" }, undefined));
    expect(result.error?.issues.find((i) => i.path.join(".") === "personalIdentityCode")?.message).toBe("required");
  });

  it("in the browser the hint lets an empty field through (the server fills it in)", () => {
    expect(aboutSchema.safeParse({ ...about, [IDENTITY_CODE_ON_FILE]: "yes" }).success).toBe(true);
    expect(aboutSchema.safeParse(about).success).toBe(false);
  });
});
