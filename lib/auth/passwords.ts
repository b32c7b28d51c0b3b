import { hash, verify, Algorithm } from "@node-rs/argon2";

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash must fail closed, as a wrong password does.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verifies against a hash of nothing, so an unknown email costs as much time as a known one and
 * the answer's timing does not tell whether an account exists.
 */
export async function dummyVerify(password: string): Promise<false> {
  dummyHash ??= hashPassword("kotona-dummy-password-never-used");
  await verifyPassword(await dummyHash, password);
  return false;
}
