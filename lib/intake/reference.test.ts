import { describe, expect, it } from "vitest";
import { generateReference, REFERENCE_ALPHABET, referenceBits } from "./reference";

describe("generateReference", () => {
  it("has at least 40 bits in an alphabet easy to read aloud", () => {
    expect(referenceBits()).toBeGreaterThanOrEqual(40);
    for (const confusable of ["0", "O", "1", "I", "L", "5", "S", "8", "B", "2", "Z", "U", "V"]) {
      expect(REFERENCE_ALPHABET).not.toContain(confusable);
    }
  });
  it("is formatted in groups and rarely repeats", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const reference = generateReference();
      expect(reference).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{3}$/);
      seen.add(reference);
    }
    expect(seen.size).toBe(10_000);
  });
});
