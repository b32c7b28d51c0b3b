import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigurationError, parseDataKey, secretsFromEnv } from "@/lib/secrets";
import { loadSecrets } from "@/server/secrets";

const key = Buffer.alloc(32, 3).toString("base64");

describe("loadSecrets", () => {
  it("on a server (DATABASE_URL) refuses to start without AUTH_SECRET and KOTONA_DATA_KEY, naming both", () => {
    expect(() => loadSecrets({ DATABASE_URL: "postgres://x/y" })).toThrow(ConfigurationError);
    expect(() => loadSecrets({ DATABASE_URL: "postgres://x/y" })).toThrow(/AUTH_SECRET and KOTONA_DATA_KEY must be set/);
    expect(() => loadSecrets({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: "s" })).toThrow(/^KOTONA_DATA_KEY must be set/);
  });

  it("refuses a data key that is not 32 bytes", () => {
    expect(() => parseDataKey("c2hvcnQ=")).toThrow(/32 random bytes/);
    expect(() => loadSecrets({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: "s", KOTONA_DATA_KEY: "c2hvcnQ=" })).toThrow(ConfigurationError);
  });

  it("uses the given secrets", () => {
    const secrets = loadSecrets({ DATABASE_URL: "postgres://x/y", AUTH_SECRET: "the-secret", KOTONA_DATA_KEY: key });
    expect(secrets.authSecret).toBe("the-secret");
    expect(secrets.dataKey.equals(Buffer.alloc(32, 3))).toBe(true);
  });

  it("on the embedded default generates them once into the data folder, readable only by the owner", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kotona-secrets-"));
    const first = loadSecrets({ KOTONA_DATA_DIR: dir });
    const second = loadSecrets({ KOTONA_DATA_DIR: dir });
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.dataKey.equals(first.dataKey)).toBe(true);
    const file = path.join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toHaveProperty("dataKey");
  });
});

describe("secretsFromEnv", () => {
  it("reads only the environment, and says how to get the secrets when they are missing", () => {
    expect(() => secretsFromEnv({})).toThrow(/npm start, which generates them/);
    expect(secretsFromEnv({ AUTH_SECRET: "a", KOTONA_DATA_KEY: key }).authSecret).toBe("a");
  });
});
