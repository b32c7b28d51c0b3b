import { chmodSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/connection";
import { testBackend } from "../helpers/database";

/** The embedded database holds every client's data: only its user may enter its folder (issue 9 point 11). */
const root = mkdtempSync(path.join(tmpdir(), "kotona-folder-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (dir: string) => statSync(dir).mode & 0o777;

describe.skipIf(testBackend() !== "pglite")("the embedded database's folder", () => {
  it("is created 0700 whatever the umask, and one an older version left world-readable is closed when opened", async () => {
    const dir = path.join(root, "data", "pglite");
    const umask = process.umask(0o000);
    try {
      await (await openDatabase({ kind: "pglite", dir })).close();
    } finally {
      process.umask(umask);
    }
    expect(mode(dir)).toBe(0o700);

    chmodSync(dir, 0o755);
    await (await openDatabase({ kind: "pglite", dir })).close();
    expect(mode(dir)).toBe(0o700);
  });
});
