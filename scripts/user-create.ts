/**
 * npm run user:create -- --email someone@municipality.fi --role caseworker [--name "Display Name"]
 * The password is read from a hidden prompt, or from standard input when it is piped; never from
 * the command line, where it would land in shell history and the process list.
 *
 * The role is in force at once, with no second person's approval: this is how the operator who
 * holds the database bootstraps a deployment (the first administrator, the first coordinator or
 * DPO who will approve the others). It is recorded as a direct grant (staff_role_grants, status
 * `direct`, no requester) and audited as `staff.created` with `grant: "direct"`, so the DPO sees it.
 * Accounts made in the app by an administrator wait for approval instead (db/role-grants.ts).
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { z } from "zod";
import { openDatabase, targetFromEnv } from "@/db/connection";
import { createStaffUser, findStaffByEmail } from "@/db/staff";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { staffRoles } from "@/lib/auth/roles";
import { loadSecretsIntoEnv } from "@/server/secrets";

const argsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  role: z.enum(staffRoles),
  name: z.string().trim().min(1).max(200).optional(),
});

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = "";
    for await (const chunk of process.stdin) data += String(chunk);
    return data.replace(/\r?\n$/, "");
  }
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(prompt);
      const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
      rl.question("", (answer) => {
        rl.close();
        process.stdout.write("\n");
        resolve(answer);
      });
    });
  const first = await ask("Password: ");
  const second = await ask("Repeat password: ");
  if (first !== second) throw new Error("The passwords differ.");
  return first;
}

async function main() {
  // The secrets first: the embedded default generates them into the data folder once.
  loadSecretsIntoEnv();
  const { values } = parseArgs({
    options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
    strict: true,
  });
  if (values.password !== undefined) {
    throw new Error("--password is refused: a password on the command line leaks into shell history. Pipe it or type it at the prompt.");
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new Error(`Usage: npm run user:create -- --email EMAIL --role ${staffRoles.join("|")} [--name NAME]\n${parsed.error.message}`);
  }
  const password = await readPassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);

  const handle = await openDatabase(targetFromEnv());
  try {
    if (await findStaffByEmail({ db: handle.db, email: parsed.data.email })) {
      throw new Error(`An account for ${parsed.data.email} exists already.`);
    }
    const user = await createStaffUser({
      db: handle.db,
      email: parsed.data.email,
      role: parsed.data.role,
      displayName: parsed.data.name ?? parsed.data.email,
      password,
    });
    console.log(`Created ${user.role} account ${user.email} (${user.id}); the role is in force at once (a direct grant, audited).`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
