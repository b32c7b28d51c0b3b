import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DataKeyError, dataKeyCheck, dataKeyMatches, decryptField, encryptField, lookupHash } from "./crypto";

const KEY = Buffer.alloc(32, 1);
const OTHER_KEY = Buffer.alloc(32, 2);

function expectDataKeyError(fn: () => unknown, message: RegExp): DataKeyError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DataKeyError);
  expect((caught as DataKeyError).name).toBe("DataKeyError");
  expect((caught as DataKeyError).message).toMatch(message);
  return caught as DataKeyError;
}

describe("encryptField / decryptField", () => {
  it.each([
    ["an identity code", "131052-308T"],
    ["a 2023 century sign", "010594Y9032"],
    ["Finnish letters", "Äänekoski, Övre gatan 5 å"],
    ["Arabic, Cyrillic and emoji", "مرحبا Привет 🧭👨‍👩‍👧"],
    ["an empty string", ""],
    ["a long text", "x".repeat(100_000)],
  ])("round-trips %s", (_label, plain) => {
    const stored = encryptField(plain, KEY);
    expect(decryptField(stored, KEY)).toBe(plain);
  });

  it("stores the v1 format and never the plaintext", () => {
    const stored = encryptField("131052-308T", KEY);
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(stored).not.toContain("131052");
  });

  it("gives a different ciphertext each time for the same text", () => {
    const a = encryptField("131052-308T", KEY);
    const b = encryptField("131052-308T", KEY);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(decryptField(a, KEY)).toBe(decryptField(b, KEY));
  });

  it("refuses to decrypt with another key, saying so, instead of returning garbage", () => {
    const stored = encryptField("131052-308T", KEY);
    const error = expectDataKeyError(() => decryptField(stored, OTHER_KEY), /KOTONA_DATA_KEY is not the key/);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("refuses a tampered ciphertext or tag (authenticated encryption)", () => {
    const [version, iv, body, tag] = encryptField("131052-308T", KEY).split(".") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0]! ^= 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [version, iv, flip(body), tag],
      [version, iv, body, flip(tag)],
      [version, flip(iv), body, tag],
    ]) {
      expectDataKeyError(() => decryptField(tampered.join("."), KEY), /cannot be decrypted/);
    }
  });

  it.each([
    ["an empty string", ""],
    ["plaintext", "131052-308T"],
    ["too few parts", "v1.abc.def"],
    ["an unknown version", "v2.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"],
  ])("refuses malformed input (%s) as not in the expected format", (_label, stored) => {
    expectDataKeyError(() => decryptField(stored, KEY), /not in the expected format/);
  });

  it.each([
    ["a truncated tag", (p: string[]) => [p[0], p[1], p[2], p[3]!.slice(0, 4)]],
    ["an empty tag", (p: string[]) => [p[0], p[1], p[2], ""]],
    ["an empty nonce", (p: string[]) => [p[0], "", p[2], p[3]]],
  ])("refuses malformed input (%s) with a DataKeyError", (_label, mangle) => {
    const parts = encryptField("131052-308T", KEY).split(".");
    expectDataKeyError(() => decryptField(mangle(parts).join("."), KEY), /encrypted field/);
  });
  // Without { authTagLength: 16 } Node accepts a GCM tag truncated to 4 bytes, making a forgery a
  // 1-in-2^32 guess.
  it("refuses a tag truncated to 4 bytes", () => {
    const [version, iv, body, tag] = encryptField("131052-308T", KEY).split(".") as [string, string, string, string];
    const short = Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url");
    expectDataKeyError(() => decryptField([version, iv, body, short].join("."), KEY), /encrypted field/);
  });
});

describe("lookupHash", () => {
  it("is deterministic for the same key and input", () => {
    expect(lookupHash("131052-308T", KEY)).toBe(lookupHash("131052-308T", Buffer.from(KEY)));
    expect(lookupHash("131052-308T", KEY)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("differs between inputs and between keys", () => {
    expect(lookupHash("131052-308T", KEY)).not.toBe(lookupHash("131052-308U", KEY));
    expect(lookupHash("131052-308T", KEY)).not.toBe(lookupHash("131052-308T", OTHER_KEY));
  });

  it("is not the encryption key stream nor a plain hash of the input", async () => {
    const { createHash } = await import("node:crypto");
    expect(lookupHash("131052-308T", KEY)).not.toBe(createHash("sha256").update("131052-308T").digest("hex"));
  });
});

describe("dataKeyCheck / dataKeyMatches", () => {
  it("matches the key it was made with, and no other", () => {
    const check = dataKeyCheck(KEY);
    expect(dataKeyCheck(Buffer.from(KEY))).toBe(check);
    expect(dataKeyMatches(check, KEY)).toBe(true);
    expect(dataKeyMatches(check, OTHER_KEY)).toBe(false);
    expect(dataKeyMatches(dataKeyCheck(randomBytes(32)), KEY)).toBe(false);
  });

  it("does not reveal the key or the lookup hash", () => {
    const check = dataKeyCheck(KEY);
    expect(check).not.toContain(KEY.toString("hex"));
    expect(check).not.toBe(lookupHash("kotona", KEY));
  });

  it("returns false (does not throw) for a stored value of another length", () => {
    expect(dataKeyMatches("", KEY)).toBe(false);
    expect(dataKeyMatches(dataKeyCheck(KEY).slice(1), KEY)).toBe(false);
    expect(dataKeyMatches(`${dataKeyCheck(KEY)}0`, KEY)).toBe(false);
  });
});
