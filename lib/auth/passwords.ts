import { hash, verify, type Options } from "@node-rs/argon2";

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const ARGON2_OPTIONS: Options = {
  // Algorithm.Argon2id; the package's const enum cannot be imported under isolatedModules.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export { MIN_PASSWORD_LENGTH } from "./passwords-policy";

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
