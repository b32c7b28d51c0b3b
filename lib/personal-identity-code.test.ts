import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CENTURY_SIGNS,
  formatPersonalIdentityCode,
  maskPersonalIdentityCode,
  parsePersonalIdentityCode,
} from "./personal-identity-code";

describe("parsePersonalIdentityCode", () => {
  // One valid code per century sign, all thirteen; check characters computed by hand (DDMMYYNNN mod 31).
  const valid: [string, string][] = [
    ["010594Y9032", "1994-05-01"],
    ["010594Y9021", "1994-05-01"],
    ["020594X903P", "1994-05-02"],
    ["020594X902N", "1994-05-02"],
    ["030594W903B", "1994-05-03"],
    ["030694W9024", "1994-06-03"],
    ["040594V9030", "1994-05-04"],
    ["040594V902Y", "1994-05-04"],
    ["050594U903M", "1994-05-05"],
    ["050594U902L", "1994-05-05"],
    ["010594-9032", "1994-05-01"],
    ["131052-308T", "1952-10-13"],
    ["010103A902A", "2003-01-01"],
    ["010103B902A", "2003-01-01"],
    ["010103C902A", "2003-01-01"],
    ["010103D902A", "2003-01-01"],
    ["010103E902A", "2003-01-01"],
    ["010103F902A", "2003-01-01"],
    ["010185+901E", "1885-01-01"],
  ];
  it.each(valid)("accepts %s as born %s", (code, dob) => {
    const parsed = parsePersonalIdentityCode(code);
    expect(parsed).toMatchObject({ ok: true, code, dateOfBirth: dob });
  });

  it("covers all thirteen century signs", () => {
    const signs = new Set(valid.map(([code]) => code.charAt(6)));
    expect([...signs].sort()).toEqual(Object.keys(CENTURY_SIGNS).sort());
    expect(Object.keys(CENTURY_SIGNS)).toHaveLength(13);
  });

  it("normalises case and surrounding white space", () => {
    expect(parsePersonalIdentityCode(" 131052-308t ")).toMatchObject({ ok: true, code: "131052-308T" });
  });

  it.each([
    ["131052-308U", "checksum"],
    ["010594Y9031", "checksum"],
    ["010103A9027", "checksum"],
  ])("refuses a wrong check character in %s", (code, problem) => {
    expect(parsePersonalIdentityCode(code)).toEqual({ ok: false, problem });
  });

  it.each([
    ["310294-9034", "date"], // 31 February
    ["290201A9036", "date"], // 2001 was not a leap year
    ["001094-903A", "date"], // day 0
    ["011394-903A", "date"], // month 13
  ])("refuses an impossible date in %s", (code, problem) => {
    expect(parsePersonalIdentityCode(code)).toEqual({ ok: false, problem });
  });

  it("accepts 29 February of a leap year", () => {
    const code = formatPersonalIdentityCode({ dateOfBirth: "2000-02-29", individualNumber: 905 });
    expect(parsePersonalIdentityCode(code)).toMatchObject({ ok: true, dateOfBirth: "2000-02-29" });
  });

  it("refuses individual numbers 000 and 001", () => {
    const code = `010594-001${"0123456789ABCDEFHJKLMNPRSTUVWXY"[Number("010594001") % 31]}`;
    expect(parsePersonalIdentityCode(code)).toEqual({ ok: false, problem: "individual_number" });
  });

  it.each(["", "131052-308", "131052-308TT", "13105-2308T", "131052G308T", "131052Z308T", "13a052-308T", "131052 308T", "131052—308T", "１３１０５２-308T", "131052-308T\u0000"])(
    "refuses the malformed string %j",
    (input) => {
      expect(parsePersonalIdentityCode(input)).toMatchObject({ ok: false });
    },
  );

  it("marks temporary codes (individual number 900–999)", () => {
    expect(parsePersonalIdentityCode("131052-308T")).toMatchObject({ temporary: false });
    expect(parsePersonalIdentityCode("010594Y9032")).toMatchObject({ temporary: true });
  });
});

describe("formatPersonalIdentityCode", () => {
  it("round-trips every date and individual number through the parser", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1800-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 2, max: 999 }),
        fc.constantFrom(...Object.keys(CENTURY_SIGNS)),
        (date, individualNumber, sign) => {
          const dateOfBirth = date.toISOString().slice(0, 10);
          const century = Math.floor(date.getUTCFullYear() / 100) * 100;
          const centurySign = CENTURY_SIGNS[sign] === century ? sign : undefined;
          const code = formatPersonalIdentityCode({ dateOfBirth, individualNumber, centurySign });
          const parsed = parsePersonalIdentityCode(code);
          expect(parsed).toMatchObject({ ok: true, code, dateOfBirth });
        },
      ),
    );
  });

  it("refuses a century sign that does not fit the year", () => {
    expect(() => formatPersonalIdentityCode({ dateOfBirth: "1994-05-01", individualNumber: 903, centurySign: "A" })).toThrow(RangeError);
  });
});

describe("maskPersonalIdentityCode", () => {
  it("hides the individual number and check character", () => {
    expect(maskPersonalIdentityCode("131052-308T")).toBe("131052-****");
  });
});
