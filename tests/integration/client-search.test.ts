import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type SQL } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "@/db/connection";
import { formatClientNumber } from "@/db/client-numbers";
import { searchClients, type ClientSearchQuery, type ClientSearchResult } from "@/db/client-search";
import { buildClientWithCode, createRng, type Client, type NewClient } from "@/demo/factories";
import { createStaffTeam } from "@/demo/factories/staff";
import { clients } from "@/db/schema";
import { formatPersonalIdentityCode } from "@/lib/personal-identity-code";
import { toSearchName } from "@/lib/search-name";
import { createTestDatabase, testBackend } from "../helpers/database";

/** Rows of a raw query on either driver (PGlite answers { rows }, postgres.js an array). */
async function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

describe(`client search on ${testBackend()}`, () => {
  let handle: DatabaseHandle;
  let db: Executor;
  let caseworkerA: string;
  let caseworkerB: string;
  /** Every inserted client, to compute what a search should find. */
  let all: Client[];
  /** Fixture key → client number, and after the insert → client. */
  const numbers = new Map<string, string>();
  const byName = new Map<string, Client>();
  let sequence = 0;

  const RESTRICTED_AT = new Date("2026-01-10T10:00:00.000Z");
  /** Identity codes (synthetic: individual numbers 900–999). */
  const ainoCode = formatPersonalIdentityCode({ dateOfBirth: "1990-05-01", individualNumber: 901, centurySign: "-" });
  const sameDayCode = formatPersonalIdentityCode({ dateOfBirth: "1990-05-01", individualNumber: 902, centurySign: "Y" });
  const zoeCode = formatPersonalIdentityCode({ dateOfBirth: "2004-11-30", individualNumber: 955, centurySign: "B" });

  async function search(query: ClientSearchQuery, page?: number, pageSize?: number): Promise<ClientSearchResult> {
    return searchClients({ db, query, page, pageSize });
  }

  const ids = (result: ClientSearchResult) => result.rows.map((row) => row.id).sort();
  const idsOf = (list: Client[]) => list.map((client) => client.id).sort();
  const client = (key: string) => {
    const found = byName.get(key);
    if (!found) throw new Error(`No fixture ${key}`);
    return found;
  };

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    const staff = await createStaffTeam(db, { a: { role: "caseworker", displayName: "Ohjaaja A" }, b: { role: "caseworker", displayName: "Ohjaaja B" } });
    caseworkerA = staff.a.id;
    caseworkerB = staff.b.id;

    const rng = createRng(4);
    const values: NewClient[] = [];
    const add = (key: string | null, overrides: Partial<NewClient>, identityCode?: string | null) => {
      const built = buildClientWithCode(rng, overrides, { identityCode });
      const firstNames = overrides.firstNames ?? built.values.firstNames;
      const lastName = overrides.lastName ?? built.values.lastName;
      sequence += 1;
      const clientNumber = formatClientNumber(2026, sequence);
      if (key) numbers.set(key, clientNumber);
      values.push({
        ...built.values,
        searchName: toSearchName(firstNames, lastName),
        clientNumber,
        assignedCaseworkerId: overrides.assignedCaseworkerId ?? null,
      });
    };

    add("aino", { firstNames: "Aino Ääpeli", lastName: "Mäkelä", dateOfBirth: "1990-05-01", assignedCaseworkerId: caseworkerA, clientGroup: "resident" }, ainoCode);
    add("matti", { firstNames: "Matti", lastName: "Aaltonen", dateOfBirth: "1990-05-01", assignedCaseworkerId: caseworkerB, clientGroup: "resident" }, sameDayCode);
    add("zoe", { firstNames: "Zoë", lastName: "Saarinen", dateOfBirth: "2004-11-30", assignedCaseworkerId: caseworkerB, clientGroup: "reception_services" }, zoeCode);
    add("muhammad", { firstNames: "محمد", lastName: "الحسن", dateOfBirth: "1985-02-03", clientGroup: "settlement_services" }, null);
    add("olena", { firstNames: "Олена", lastName: "Коваленко", dateOfBirth: "1979-08-15", status: "closed", assignedCaseworkerId: caseworkerA, restrictedAt: RESTRICTED_AT }, null);
    add("andrii", { firstNames: "Андрій", lastName: "Шевченко", dateOfBirth: "1981-01-20", status: "erasure_pending" }, null);
    add("odd", { firstNames: "Pii_Rakenne", lastName: "Sata%", dateOfBirth: "1970-07-07" }, null);
    // 57 clients for paging, names in a known order.
    for (let i = 0; i < 57; i += 1) {
      add(null, {
        firstNames: `Henna ${String(i).padStart(2, "0")}`,
        lastName: "Sivutus",
        assignedCaseworkerId: i % 3 === 0 ? caseworkerA : i % 3 === 1 ? caseworkerB : null,
        status: i % 10 === 0 ? "closed" : "active",
      });
    }
    // And a crowd of generated ones, so every filter has company.
    for (let i = 0; i < 200; i += 1) {
      add(null, {
        assignedCaseworkerId: i % 4 === 0 ? caseworkerA : i % 4 === 1 ? caseworkerB : null,
        status: i % 9 === 0 ? "closed" : "active",
      });
    }
    all = await db.insert(clients).values(values).returning();
    for (const [key, clientNumber] of numbers) byName.set(key, all.find((row) => row.clientNumber === clientNumber)!);
  });

  afterAll(async () => handle?.close());

  describe("by name", () => {
    it("finds partial names, case- and accent-insensitively", async () => {
      for (const text of ["mäkelä", "MAKELA", "äke", "Mäk", "aino", "ÄÄPELI", "aapeli"]) {
        const result = await search({ text });
        expect(result.kind, text).toBe("name");
        expect(ids(result), text).toContain(client("aino").id);
      }
      const aa = await search({ text: "aa" });
      const umlauts = await search({ text: "ÄÄ" });
      expect(ids(umlauts)).toEqual(ids(aa));
      expect(ids(aa)).toEqual(expect.arrayContaining([client("aino").id, client("matti").id, client("zoe").id]));
      expect(ids(aa)).toEqual(idsOf(all.filter((row) => row.searchName.includes("aa"))));
    });

    it("finds Zoë as zoe and Zoe as Zoë", async () => {
      for (const text of ["zoe", "Zoë", "ZOË", "zoë saarinen"]) {
        expect(ids(await search({ text })), text).toEqual([client("zoe").id]);
      }
    });

    it("finds Arabic and Cyrillic names, with or without marks and in any case", async () => {
      expect(ids(await search({ text: "محمد" }))).toEqual([client("muhammad").id]);
      expect(ids(await search({ text: "مُحَمَّد" }))).toEqual([client("muhammad").id]);
      expect(ids(await search({ text: "الحسن محمد" }))).toEqual([client("muhammad").id]);
      for (const text of ["олена", "ОЛЕНА", "Коваленко", "ковал", "ленко ОЛ"]) {
        expect(ids(await search({ text })), text).toEqual([client("olena").id]);
      }
      for (const text of ["Андрій", "АНДРІЙ", "андріи", "шевч"]) {
        expect(ids(await search({ text })), text).toEqual([client("andrii").id]);
      }
    });

    it("needs every word, in any order", async () => {
      for (const text of ["aino mäkelä", "MAKELA aino", "  Ääpeli   Aino  mäkelä "]) {
        expect(ids(await search({ text })), text).toEqual([client("aino").id]);
      }
      // Generated names include an Aino and a Mäkinen: the result is every name holding both parts.
      const both = await search({ text: "mak ain" }, 1, 100);
      expect(ids(both)).toContain(client("aino").id);
      expect(ids(both)).toEqual(idsOf(all.filter((row) => row.searchName.includes("mak") && row.searchName.includes("ain"))));
      expect((await search({ text: "aino saarinen" })).total).toBe(0);
    });

    it("takes % and _ literally", async () => {
      for (const text of ["%", "_", "a%", "i_r", "sata%", "pii_"]) {
        const result = await search({ text });
        expect(ids(result), text).toEqual([client("odd").id]);
        expect(result.total, text).toBe(1);
      }
      expect((await search({ text: "%%%" })).total).toBe(0);
      expect((await search({ text: "a_n" })).total).toBe(0);
      expect((await search({ text: "\\" })).total).toBe(0);
    });

    it("orders by last name, first names and id", async () => {
      const result = await search({ text: "sivutus" }, 1, 100);
      expect(result.rows.map((row) => row.firstNames)).toEqual(
        Array.from({ length: 57 }, (_, i) => `Henna ${String(i).padStart(2, "0")}`),
      );
      const everyone = await search({}, 1, 100);
      const keys = everyone.rows.map((row) => [row.lastName, row.firstNames, row.id] as const);
      const sorted = [...keys].sort((a, b) => {
        for (let i = 0; i < 3; i += 1) {
          if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1;
        }
        return 0;
      });
      // Byte order equals the database's for these names, whatever its collation, only where all are ASCII.
      const ascii = (list: typeof keys) => list.filter(([last, first]) => /^[\x20-\x7e]*$/.test(last + first));
      expect(ascii(keys)).toEqual(ascii(sorted));
    });

    it("has the search indexes, and name search uses the trigram index", async () => {
      const indexes = await rawRows<{ indexdef: string }>(
        db,
        sql`select indexdef from pg_indexes where indexname = 'clients_search_name_trgm_idx'`,
      );
      expect(indexes[0]?.indexdef).toMatch(/USING gin \(search_name gin_trgm_ops\)/);
      const names = (await rawRows<{ indexname: string }>(db, sql`select indexname from pg_indexes where tablename = 'clients'`)).map(
        (row) => row.indexname,
      );
      expect(names).toEqual(expect.arrayContaining(["clients_name_order_idx", "clients_status_idx", "clients_client_group_idx"]));
      const plan = await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return rawRows<{ "QUERY PLAN": string }>(tx, sql`explain select id from clients where search_name like ${"%makel%"}`);
      });
      expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain("clients_search_name_trgm_idx");
    });
  });

  it("returns the listed fields typed alike on every path", async () => {
    const olena = client("olena");
    const expected = {
      id: olena.id,
      clientNumber: olena.clientNumber,
      firstNames: "Олена",
      lastName: "Коваленко",
      dateOfBirth: "1979-08-15",
      status: "closed",
      clientGroup: olena.clientGroup,
      assignedCaseworkerId: caseworkerA,
      restrictedAt: RESTRICTED_AT,
    };
    // Through the text path (one windowed query) and the filter-only path (page plus count).
    expect((await search({ text: "олена" })).rows).toEqual([expected]);
    const filtered = await search({ status: "closed", caseworkerId: caseworkerA }, 1, 100);
    expect(filtered.rows.find((row) => row.id === olena.id)).toEqual(expected);
    expect(filtered.rows.find((row) => row.id === client("aino").id)).toBeUndefined();
  });

  describe("by client number", () => {
    it("finds exactly one client", async () => {
      const aino = client("aino");
      const result = await search({ text: ` ${aino.clientNumber} ` });
      expect(result.kind).toBe("clientNumber");
      expect(ids(result)).toEqual([aino.id]);
      expect((await search({ text: "2026-999999" })).total).toBe(0);
      // A partial number is not a client number, and names hold no digits.
      expect((await search({ text: aino.clientNumber.slice(0, 9) })).total).toBe(0);
    });
  });

  describe("by identity code", () => {
    it("finds the client exactly, through the keyed hash, whatever the case", async () => {
      for (const text of [ainoCode, ainoCode.toLowerCase(), `  ${ainoCode} `]) {
        const result = await search({ text });
        expect(result.kind, text).toBe("identityCode");
        expect(ids(result), text).toEqual([client("aino").id]);
      }
      expect(ids(await search({ text: zoeCode }))).toEqual([client("zoe").id]);
    });

    it("finds nothing for a partial or wrong code", async () => {
      for (const text of [ainoCode.slice(0, 6), ainoCode.slice(0, 7), ainoCode.slice(0, 10), ainoCode.slice(7), `${ainoCode.slice(0, 10)}?`]) {
        const result = await search({ text });
        expect(result.kind, text).not.toBe("identityCode");
        expect(result.total, text).toBe(0);
      }
      // Valid, but nobody's.
      const nobody = formatPersonalIdentityCode({ dateOfBirth: "1990-05-01", individualNumber: 903 });
      const result = await search({ text: nobody });
      expect(result.kind).toBe("identityCode");
      expect(result.total).toBe(0);
    });

    it("returns no identity code, not even encrypted", async () => {
      const aino = client("aino");
      const result = await search({ text: ainoCode });
      const row = result.rows[0]!;
      expect(Object.keys(row).sort()).toEqual(
        ["assignedCaseworkerId", "clientGroup", "clientNumber", "dateOfBirth", "firstNames", "id", "lastName", "restrictedAt", "status"].sort(),
      );
      const text = JSON.stringify(await search({}, 1, 100));
      expect(text).not.toContain(ainoCode);
      expect(text).not.toContain(aino.personalIdentityCodeEncrypted!);
      expect(text).not.toContain(aino.personalIdentityCodeHash!);
    });
  });

  describe("by date of birth", () => {
    it("reads ISO and Finnish dates", async () => {
      const expected = [client("aino").id, client("matti").id].sort();
      for (const text of ["1990-05-01", "1.5.1990", "01.05.1990"]) {
        const result = await search({ text });
        expect(result.kind, text).toBe("dateOfBirth");
        expect(ids(result), text).toEqual(idsOf(all.filter((row) => row.dateOfBirth === "1990-05-01")));
        expect(ids(result), text).toEqual(expect.arrayContaining(expected));
      }
      const zoe = await search({ text: "30.11.2004" });
      expect(ids(zoe)).toContain(client("zoe").id);
      expect(ids(zoe)).toEqual(idsOf(all.filter((row) => row.dateOfBirth === "2004-11-30")));
      expect((await search({ text: "31.2.1990" })).total).toBe(0);
    });
  });

  describe("filters", () => {
    it("filter by status, client group and caseworker, alone and together", async () => {
      const cases: [ClientSearchQuery, (row: Client) => boolean][] = [
        [{ status: "closed" }, (row) => row.status === "closed"],
        [{ status: "erasure_pending" }, (row) => row.status === "erasure_pending"],
        [{ clientGroup: "reception_services" }, (row) => row.clientGroup === "reception_services"],
        [{ caseworkerId: caseworkerA }, (row) => row.assignedCaseworkerId === caseworkerA],
        [{ caseworkerId: "unassigned" }, (row) => row.assignedCaseworkerId === null],
        [
          { caseworkerId: caseworkerB, status: "active" },
          (row) => row.assignedCaseworkerId === caseworkerB && row.status === "active",
        ],
        [
          { caseworkerId: "unassigned", status: "active", clientGroup: "resident" },
          (row) => row.assignedCaseworkerId === null && row.status === "active" && row.clientGroup === "resident",
        ],
        [
          { text: "aa", caseworkerId: caseworkerA },
          (row) => row.searchName.includes("aa") && row.assignedCaseworkerId === caseworkerA,
        ],
        [{ text: "sivutus", status: "closed" }, (row) => row.lastName === "Sivutus" && row.status === "closed"],
        [{ text: "1990-05-01", caseworkerId: caseworkerB }, (row) => row.dateOfBirth === "1990-05-01" && row.assignedCaseworkerId === caseworkerB],
        [{ text: ainoCode, caseworkerId: caseworkerB }, () => false],
      ];
      for (const [query, predicate] of cases) {
        const expected = all.filter(predicate);
        const pages: string[] = [];
        let result: ClientSearchResult;
        let page = 1;
        do {
          result = await search(query, page, 100);
          pages.push(...result.rows.map((row) => row.id));
          page += 1;
        } while (result.rows.length === 100);
        expect(result.total, JSON.stringify(query)).toBe(expected.length);
        expect(pages.sort(), JSON.stringify(query)).toEqual(idsOf(expected));
      }
      expect((await search({ caseworkerId: "unassigned" })).total).toBeGreaterThan(0);
      expect((await search({ status: "closed" })).rows.every((row) => row.status === "closed")).toBe(true);
    });

    it("matches nothing, without failing, for values outside the types", async () => {
      expect((await search({ caseworkerId: "not-a-uuid" })).total).toBe(0);
      expect((await search({ status: "deleted" as never })).total).toBe(0);
      expect((await search({ clientGroup: "tourists" as never })).total).toBe(0);
    });
  });

  describe("pagination", () => {
    it("pages through the result with a stable total", async () => {
      const first = await search({ text: "sivutus" });
      expect(first).toMatchObject({ page: 1, pageSize: 25, total: 57, kind: "name" });
      expect(first.rows).toHaveLength(25);
      const second = await search({ text: "sivutus" }, 2);
      const third = await search({ text: "sivutus" }, 3);
      expect(second.rows).toHaveLength(25);
      expect(third.rows).toHaveLength(7);
      expect(second.total).toBe(57);
      expect(third.total).toBe(57);
      const seen = [...first.rows, ...second.rows, ...third.rows].map((row) => row.firstNames);
      expect(seen).toEqual(Array.from({ length: 57 }, (_, i) => `Henna ${String(i).padStart(2, "0")}`));
      const past = await search({ text: "sivutus" }, 4);
      expect(past.rows).toEqual([]);
      expect(past.total).toBe(57);
      const exact = await search({ text: "sivutus" }, 3, 19);
      expect(exact.rows).toHaveLength(19);
      expect(exact.total).toBe(57);
    });

    it("caps the page size at 100 and repairs nonsense", async () => {
      const big = await search({}, 1, 10_000);
      expect(big.pageSize).toBe(100);
      expect(big.rows).toHaveLength(100);
      expect(big.total).toBe(all.length);
      expect(await search({}, 0, 0)).toMatchObject({ page: 1, pageSize: 25, kind: "all", total: all.length });
      expect(await search({}, Number.NaN, -5)).toMatchObject({ page: 1, pageSize: 25 });
      expect(await search({}, 2.7, 10.9)).toMatchObject({ page: 2, pageSize: 10 });
    });
  });
});
