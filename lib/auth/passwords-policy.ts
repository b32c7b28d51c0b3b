/** Kept apart from passwords.ts so browser bundles can share it without the argon2 binary. */
export const MIN_PASSWORD_LENGTH = 12;
