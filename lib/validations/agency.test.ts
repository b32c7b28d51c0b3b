import { describe, expect, it } from "vitest";
import { deliveryMethods } from "@/lib/domain-values";
import { agencySettingsSchema } from "@/lib/register-settings";
import { agencyFormErrorCodes, agencyFormSchema } from "./agency";

const valid = {
  mode: "new",
  code: "city_library",
  name: "Kotolan kaupunginkirjasto",
  businessId: "1234567-8",
  insideEea: "yes",
  deliveryMethod: "secure_email",
};

/** The failures as "path: message", or [] when the value parses. */
function problems(value: unknown): string[] {
  const result = agencyFormSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("agencyFormSchema", () => {
  it("parses a filled-in form, turning the yes/no radio into a boolean", () => {
    expect(agencyFormSchema.parse(valid)).toEqual({ ...valid, insideEea: true });
    expect(agencyFormSchema.parse({ ...valid, mode: "edit", insideEea: "no" }).insideEea).toBe(false);
  });

  it("trims texts and drops a blank business id", () => {
    const parsed = agencyFormSchema.parse({ ...valid, code: " city_library ", name: "  Kirjasto ", businessId: "  " });
    expect(parsed.code).toBe("city_library");
    expect(parsed.name).toBe("Kirjasto");
    expect(parsed.businessId).toBeUndefined();
    expect(agencyFormSchema.parse({ ...valid, businessId: "" }).businessId).toBeUndefined();
    expect(agencyFormSchema.parse({ ...valid, businessId: undefined }).businessId).toBeUndefined();
    expect(agencyFormSchema.parse({ ...valid, businessId: " 7654321-0 " }).businessId).toBe("7654321-0");
  });

  it("refuses codes the register settings would refuse", () => {
    for (const code of ["", "x", "1abc", "City", "te-office", "a".repeat(41), "te office", "ääkkönen"]) {
      const found = problems({ ...valid, code });
      expect(found, code).toEqual([`code: ${code === "" ? "required" : "invalidCode"}`]);
      expect(agencySettingsSchema.safeParse({ code, name: "x", insideEea: true }).success, code).toBe(false);
    }
    for (const code of ["te_office", "ely", "a1", "a".repeat(40), "farland_resettlement"]) {
      expect(problems({ ...valid, code }), code).toEqual([]);
      expect(agencySettingsSchema.safeParse({ code, name: "x", insideEea: true }).success, code).toBe(true);
    }
  });

  it("refuses a business id that is not NNNNNNN-N", () => {
    for (const businessId of ["1234567", "123456-7", "12345678-9", "1234567-89", "abcdefg-h", "1234567–8"]) {
      expect(problems({ ...valid, businessId }), businessId).toEqual(["businessId: invalidBusinessId"]);
    }
  });

  it("requires a name, at most as long as the settings accept, without control characters", () => {
    expect(problems({ ...valid, name: "   " })).toEqual(["name: required"]);
    expect(problems({ ...valid, name: undefined })).toEqual(["name: required"]);
    expect(problems({ ...valid, name: "x".repeat(301) })).toEqual(["name: tooLong"]);
    expect(problems({ ...valid, name: "x".repeat(300) })).toEqual([]);
    expect(problems({ ...valid, name: "Kirjasto\u0007" })).toEqual(["name: invalidCharacters"]);
  });

  it("needs an answer to the EU/EEA question and a known delivery method", () => {
    expect(problems({ ...valid, insideEea: undefined })).toEqual(["insideEea: chooseOne"]);
    expect(problems({ ...valid, insideEea: "maybe" })).toEqual(["insideEea: chooseOne"]);
    expect(problems({ ...valid, insideEea: true })).toEqual(["insideEea: chooseOne"]);
    expect(problems({ ...valid, deliveryMethod: "fax" })).toEqual(["deliveryMethod: chooseOne"]);
    expect(problems({ ...valid, deliveryMethod: undefined })).toEqual(["deliveryMethod: chooseOne"]);
    for (const deliveryMethod of deliveryMethods) expect(problems({ ...valid, deliveryMethod })).toEqual([]);
  });

  it("knows only the new and edit modes", () => {
    expect(problems({ ...valid, mode: "delete" })).toEqual(["mode: invalid"]);
    expect(problems({ ...valid, mode: undefined })).toEqual(["mode: invalid"]);
  });

  it("answers only declared message codes", () => {
    const messages = new Set(
      [
        {},
        { ...valid, code: "X", businessId: "1", insideEea: "?", deliveryMethod: "?", name: "", mode: "?" },
        { ...valid, name: "x".repeat(400), code: "" },
      ].flatMap((value) => problems(value).map((problem) => problem.split(": ")[1])),
    );
    expect(messages.size).toBeGreaterThan(4);
    for (const message of messages) expect(agencyFormErrorCodes as readonly string[]).toContain(message);
  });

  it("gives what the settings accept as an agency", () => {
    const { mode: _mode, ...agency } = agencyFormSchema.parse(valid);
    expect(agencySettingsSchema.parse(agency)).toEqual(agency);
  });
});
