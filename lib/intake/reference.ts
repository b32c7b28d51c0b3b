import { randomInt } from "node:crypto";

/**
 * Letters and digits that cannot be mistaken for each other when read aloud or written by hand:
 * no 0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V.
 */
export const REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY";
/** 11 characters of a 23-letter alphabet: log2(23^11) ≈ 49.8 bits, beyond guessing. */
export const REFERENCE_LENGTH = 11;

export function generateReference(): string {
  let raw = "";
  for (let i = 0; i < REFERENCE_LENGTH; i++) raw += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

export function referenceBits(): number {
  return REFERENCE_LENGTH * Math.log2(REFERENCE_ALPHABET.length);
}
