import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/connection";
import { findStaffByEmail } from "@/db/staff";
import { eq } from "drizzle-orm";
import { auditEvents, staffRoleGrants } from "@/db/schema";
import { testBackend } from "../helpers/database";

const dir = mkdtempSync(path.join(tmpdir(), "kotona-user-create-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function userCreate(args: string[], input: string) {
  return spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/user-create.ts", ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", KOTONA_DATA_DIR: dir, PGLITE_DIR: path.join(dir, "pglite") },
    timeout: 60_000,
  });
}

// The command runs on whatever database its environment names; one backend is enough to show it.
describe.skipIf(testBackend() !== "pglite")("npm run user:create", () => {
  it("refuses a password on the command line, and a short one", () => {
    const onCommandLine = userCreate(["--email", "x@kotola.example", "--role", "dpo", "--password", "secret-secret-1"], "");
    expect(onCommandLine.status).toBe(1);
    expect(onCommandLine.stderr).toContain("--password is refused");
    const short = userCreate(["--email", "x@kotola.example", "--role", "dpo"], "short\n");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("at least 12 characters");
  });

  it("creates the account from a password on stdin, hashed and audited", async () => {
    const result = userCreate(["--email", "New.Person@Kotola.example", "--role", "dpo", "--name", "Uusi Henkilö"], "a-long-enough-password\n");
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("Created dpo account new.person@kotola.example");
    const handle = await openDatabase({ kind: "pglite", dir: path.join(dir, "pglite") });
    try {
      const user = await findStaffByEmail({ db: handle.db, email: "new.person@kotola.example" });
      expect(user?.role).toBe("dpo");
      expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
      const events = await handle.db.select().from(auditEvents);
      expect(events.map((e) => e.action)).toContain("staff.created");
      // The operator's bootstrap grants directly (no second person), and says so for the DPO.
      expect(user?.mustChangePassword).toBe(false);
      expect(events.find((e) => e.action === "staff.created")?.details).toMatchObject({ role: "dpo", grant: "direct" });
      const grants = await handle.db.select().from(staffRoleGrants).where(eq(staffRoleGrants.staffId, user!.id));
      expect(grants).toMatchObject([{ role: "dpo", status: "direct", requestedBy: null }]);
    } finally {
      await handle.close();
    }
  });
});
