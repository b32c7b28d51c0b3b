import { describe, expect, it } from "vitest";
import { limiterHash, lookupHash } from "./crypto";

const KEY = Buffer.alloc(32, 1);
const OTHER_KEY = Buffer.alloc(32, 2);

describe("limiterHash", () => {
  it("is stable for one key, differs by kind and by key, and is not the lookup hash", () => {
    const a = limiterHash("sign-in/address", "192.0.2.7", KEY);
    expect(limiterHash("sign-in/address", "192.0.2.7", KEY)).toBe(a);
    expect(limiterHash("intake/address", "192.0.2.7", KEY)).not.toBe(a);
    expect(limiterHash("sign-in/address", "192.0.2.7", OTHER_KEY)).not.toBe(a);
    expect(lookupHash("192.0.2.7", KEY)).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a kind cannot be shifted into the value", () => {
    expect(limiterHash("sign-in/pair", "ab", KEY)).not.toBe(limiterHash("sign-in/paira", "b", KEY));
  });
});
