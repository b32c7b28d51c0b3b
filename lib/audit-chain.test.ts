import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  CHAIN_SEAL_ACTION,
  chainHash,
  chainSealDetails,
  GENESIS_HASH,
  KEYED,
  keyedChainHash,
  UNKEYED,
  verifyChain,
  verifyChainEnd,
  verifyWholeChain,
  type ChainedEventContent,
  type ChainPosition,
  type StoredChainedEvent,
} from "./audit-chain";

const ACTOR = "6f1c1d1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f";
const CLIENT = "0b9e8d7c-6a5b-4c3d-9e2f-1a0b9c8d7e6f";

function content(seq: number, overrides: Partial<ChainedEventContent> = {}): ChainedEventContent {
  return {
    seq,
    occurredAt: new Date(Date.UTC(2025, 0, 1, 12, 0, seq % 60, 123)),
    actorId: ACTOR,
    action: seq % 2 ? "client.viewed" : "client.updated",
    clientId: CLIENT,
    details: { fields: ["contact", "residence"], n: seq, nested: { b: 2, a: "ä" } },
    reason: seq % 3 ? null : "asiakkaan pyyntö",
    requestId: `req-${seq}`,
    ...overrides,
  };
}

/** A valid chain of `n` events, as recordAuditEvent would write it. */
function chain(n: number): StoredChainedEvent[] {
  const events: StoredChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const hash = chainHash(prevHash, c);
    events.push({ ...c, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

describe("canonicalJson", () => {
  it("does not depend on key order, at any depth", () => {
    const a = { z: 1, a: { y: [1, { d: 4, c: 3 }], x: "x" }, m: null };
    const b = { m: null, a: { x: "x", y: [1, { c: 3, d: 4 }] }, z: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[1,{"c":3,"d":4}]},"m":null,"z":1}');
  });

  it("keeps array order, which is meaningful", () => {
    expect(canonicalJson([1, 2, 3])).not.toBe(canonicalJson([3, 2, 1]));
    expect(canonicalJson([{ b: 1, a: 2 }, []])).toBe('[{"a":2,"b":1},[]]');
  });

  it("writes dates as ISO strings, as JSON.stringify (and so jsonb) does", () => {
    const when = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
    expect(canonicalJson({ when })).toBe('{"when":"2024-02-29T23:59:59.999Z"}');
    expect(canonicalJson({ when })).toBe(canonicalJson(JSON.parse(JSON.stringify({ when }))));
  });

  it("agrees with a JSON round trip for scalars, unicode, undefined and escapes", () => {
    const value = {
      text: "Hyvää päivää — مرحبا — Привет — 🧭",
      quote: 'a "b" \\ c\n',
      numbers: [0, -1, 1.5, 1e21, 1e-7, Number.MAX_SAFE_INTEGER],
      flags: [true, false, null],
      gone: undefined,
      holes: [undefined, 1],
    };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
    expect(canonicalJson(value)).not.toContain('"gone"');
    expect(canonicalJson(value)).toContain('"holes":[null,1]');
    expect(canonicalJson("x")).toBe('"x"');
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson(undefined)).toBe("null");
  });

  it("sorts keys by code unit, so the order is the same in every locale", () => {
    expect(canonicalJson({ ä: 1, a: 2, B: 3, "10": 4, "9": 5 })).toBe('{"10":4,"9":5,"B":3,"a":2,"ä":1}');
  });
});

describe("chainHash", () => {
  const base = content(7);
  const baseHash = chainHash(GENESIS_HASH, base);

  it("is a SHA-256 hex digest and deterministic", () => {
    expect(baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, content(7))).toBe(baseHash);
  });

  it("does not depend on the key order of details", () => {
    const reordered = { ...base, details: { nested: { a: "ä", b: 2 }, n: 7, fields: ["contact", "residence"] } };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(baseHash);
  });

  const changes: [string, Partial<ChainedEventContent>][] = [
    ["seq", { seq: 8 }],
    ["occurredAt", { occurredAt: new Date(base.occurredAt.getTime() + 1) }],
    ["actorId", { actorId: null }],
    ["actorId value", { actorId: CLIENT }],
    ["action", { action: "client.updated" }],
    ["clientId", { clientId: null }],
    ["details (top level)", { details: { ...base.details, extra: true } }],
    ["details (nested)", { details: { ...base.details, nested: { a: "a", b: 2 } } }],
    ["details (array order)", { details: { ...base.details, fields: ["residence", "contact"] } }],
    ["details (number type)", { details: { ...base.details, n: "7" } }],
    ["reason", { reason: "toinen syy" }],
    ["requestId", { requestId: null }],
  ];
  it.each(changes)("changes when %s changes", (_field, change) => {
    expect(chainHash(GENESIS_HASH, { ...base, ...change })).not.toBe(baseHash);
  });

  it("changes when the previous hash changes", () => {
    expect(chainHash("f".repeat(64), base)).not.toBe(baseHash);
  });

  it("tells a null reason from an empty or 'null' one", () => {
    const hashes = new Set([null, "", "null"].map((reason) => chainHash(GENESIS_HASH, { ...base, reason })));
    expect(hashes.size).toBe(3);
  });
});

describe("verifyChain", () => {
  it("passes on an intact chain and reports its length and last hash", () => {
    const events = chain(10);
    expect(verifyChain(events)).toEqual({ ok: true, count: 10, lastHash: events[9]!.hash });
  });

  it("passes on an empty chain, ending at the genesis hash", () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it("detects an altered event, naming it", () => {
    const events = chain(10);
    events[4] = { ...events[4]!, details: { ...events[4]!.details, n: 999 } };
    expect(verifyChain(events)).toEqual({ ok: false, count: 4, brokenSeq: 5, problem: "hash_mismatch" });
  });

  it("detects an altered action or time", () => {
    const a = chain(5);
    a[2] = { ...a[2]!, action: "audit.viewed" };
    expect(verifyChain(a)).toMatchObject({ ok: false, brokenSeq: 3, problem: "hash_mismatch" });
    const b = chain(5);
    b[0] = { ...b[0]!, occurredAt: new Date(0) };
    expect(verifyChain(b)).toMatchObject({ ok: false, brokenSeq: 1, problem: "hash_mismatch" });
  });

  it("detects a removed event as a sequence gap at the event after it", () => {
    const events = chain(10);
    events.splice(6, 1); // seq 7
    expect(verifyChain(events)).toEqual({ ok: false, count: 6, brokenSeq: 8, problem: "sequence_gap" });
  });

  it("detects a removed first event, and a chain that does not start at seq 1", () => {
    expect(verifyChain(chain(3).slice(1))).toMatchObject({ ok: false, count: 0, brokenSeq: 2, problem: "sequence_gap" });
  });

  it("detects reordered events", () => {
    const events = chain(5);
    [events[1], events[2]] = [events[2]!, events[1]!];
    expect(verifyChain(events)).toMatchObject({ ok: false, brokenSeq: 3, problem: "sequence_gap" });
  });

  it("detects a wrong prevHash", () => {
    const events = chain(6);
    events[3] = { ...events[3]!, prevHash: "a".repeat(64) };
    expect(verifyChain(events)).toEqual({ ok: false, count: 3, brokenSeq: 4, problem: "prev_hash_mismatch" });
  });

  it("detects an event replaced by a self-consistent forgery, at the event after it", () => {
    // The forger rehashes seq 4 from its true prevHash, but seq 5 still chains from the original.
    const events = chain(6);
    const forged = { ...content(4), details: { forged: true } };
    events[3] = { ...forged, prevHash: events[3]!.prevHash, hash: chainHash(events[3]!.prevHash, forged) };
    expect(verifyChain(events)).toEqual({ ok: false, count: 4, brokenSeq: 5, problem: "prev_hash_mismatch" });
  });

  it("detects a first event that does not chain from the genesis hash", () => {
    const [first] = chain(1);
    const prevHash = "1".repeat(64);
    const rehashed = { ...first!, prevHash, hash: chainHash(prevHash, first!) };
    expect(verifyChain([rehashed])).toMatchObject({ ok: false, brokenSeq: 1, problem: "prev_hash_mismatch" });
  });

  it("gives the same verdict in pages, with `previous`, as at once", () => {
    const events = chain(25);
    const whole = verifyChain(events);
    for (const pageSize of [1, 7, 12, 25]) {
      let previous = { hash: GENESIS_HASH, seq: 0 };
      let count = 0;
      let lastHash = GENESIS_HASH;
      for (let i = 0; i < events.length; i += pageSize) {
        const page = events.slice(i, i + pageSize);
        const verdict = verifyChain(page, previous);
        expect(verdict.ok).toBe(true);
        if (!verdict.ok) return;
        count += verdict.count;
        lastHash = verdict.lastHash;
        previous = { hash: verdict.lastHash, seq: page.at(-1)!.seq };
      }
      expect({ ok: true, count, lastHash }).toEqual(whole);
    }
  });

  it("in pages, still catches a break at a page boundary", () => {
    const events = chain(20);
    const first = verifyChain(events.slice(0, 10));
    if (!first.ok) throw new Error("first page should verify");
    // Second page starts with a gap (seq 11 removed) ...
    expect(verifyChain(events.slice(11), { hash: first.lastHash, seq: 10 })).toMatchObject({
      ok: false,
      brokenSeq: 12,
      problem: "sequence_gap",
    });
    // ... or with a wrong carried-over hash.
    expect(verifyChain(events.slice(10), { hash: GENESIS_HASH, seq: 10 })).toMatchObject({
      ok: false,
      brokenSeq: 11,
      problem: "prev_hash_mismatch",
    });
  });
});

describe("the keyed chain (hash version 2)", () => {
  const key = Buffer.alloc(32, 9);
  const otherKey = Buffer.alloc(32, 10);

  /** A chain as recordAuditEvent writes it: `unkeyed` old events, then (if any) the seal, then keyed ones. */
  function mixedChain(unkeyed: number, keyed: number, chainKey = key): StoredChainedEvent[] {
    const events: StoredChainedEvent[] = [];
    let prevHash = GENESIS_HASH;
    const push = (c: ChainedEventContent, version: 1 | 2) => {
      const hash = version === KEYED ? keyedChainHash(chainKey, prevHash, c) : chainHash(prevHash, c);
      events.push({ ...c, prevHash, hash, hashVersion: version });
      prevHash = hash;
    };
    for (let seq = 1; seq <= unkeyed; seq++) push(content(seq), UNKEYED);
    if (unkeyed > 0 && keyed > 0) {
      push(content(unkeyed + 1, { action: CHAIN_SEAL_ACTION, actorId: null, clientId: null, details: { ...chainSealDetails({ seq: unkeyed, hash: prevHash }) } }), KEYED);
    }
    const first = events.length + 1;
    for (let seq = first; seq < first + keyed; seq++) push(content(seq), KEYED);
    return events;
  }

  /** What someone with the database login but not the key can do: recompute every hash, unkeyed. */
  function rehashedUnkeyed(events: StoredChainedEvent[], from = GENESIS_HASH): StoredChainedEvent[] {
    let prevHash = from;
    return events.map((event) => {
      const hash = chainHash(prevHash, event);
      const rewritten = { ...event, prevHash, hash, hashVersion: UNKEYED };
      prevHash = hash;
      return rewritten;
    });
  }

  it("is an HMAC: it differs from the unkeyed hash and from another key's, and needs the key to verify", () => {
    const c = content(1);
    expect(keyedChainHash(key, GENESIS_HASH, c)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedChainHash(key, GENESIS_HASH, c)).not.toBe(chainHash(GENESIS_HASH, c));
    expect(keyedChainHash(key, GENESIS_HASH, c)).not.toBe(keyedChainHash(otherKey, GENESIS_HASH, c));
    expect(() => verifyChain(mixedChain(0, 2))).toThrow(/audit chain key/);
  });

  it("a fresh log is keyed from event 1 and verifies whole", () => {
    const events = mixedChain(0, 12);
    expect(events.every((e) => e.hashVersion === KEYED)).toBe(true);
    expect(verifyWholeChain(events, key)).toEqual({ ok: true, count: 12, lastHash: events[11]!.hash });
    expect(verifyWholeChain([], key)).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it("with another key every keyed event is a mismatch, from the first", () => {
    expect(verifyWholeChain(mixedChain(0, 5), otherKey)).toEqual({ ok: false, count: 0, brokenSeq: 1, problem: "hash_mismatch" });
  });

  it("an unkeyed prefix sealed by the first keyed event verifies", () => {
    const events = mixedChain(4, 3);
    // Four unkeyed, the seal, three keyed.
    expect(events.map((e) => e.hashVersion)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(events[4]).toMatchObject({ action: CHAIN_SEAL_ACTION, details: { unkeyedEvents: 4, unkeyedHead: events[3]!.hash } });
    expect(verifyWholeChain(events, key)).toEqual({ ok: true, count: 8, lastHash: events[7]!.hash });
  });

  it("someone without the key who changes an event and rehashes the rest is caught, however they label it", () => {
    const events = mixedChain(0, 10);
    const changed = events.map((e) => (e.seq === 6 ? { ...e, details: { forged: true } } : e));
    // Rehashed unkeyed but still labelled keyed: the HMAC does not match.
    const relabelledNot = rehashedUnkeyed(changed).map((e) => ({ ...e, hashVersion: KEYED }));
    expect(verifyWholeChain(relabelledNot, key)).toMatchObject({ ok: false, brokenSeq: 1, problem: "hash_mismatch" });
    // Only the events from the change on rehashed and labelled unkeyed: unkeyed after keyed.
    const partly = [...changed.slice(0, 5), ...rehashedUnkeyed(changed.slice(5), events[4]!.hash)];
    expect(verifyWholeChain(partly, key)).toMatchObject({ ok: false, brokenSeq: 6, problem: "unkeyed_after_keyed" });
    // Everything rehashed and labelled unkeyed, passed off as a log from before the upgrade: no seal.
    expect(verifyWholeChain(rehashedUnkeyed(changed), key)).toEqual({ ok: false, count: 10, brokenSeq: 11, problem: "unkeyed_unsealed" });
  });

  it("a rewritten unkeyed prefix no longer chains into its seal", () => {
    const events = mixedChain(5, 3);
    const rewritten = rehashedUnkeyed(events.slice(0, 5).map((e) => (e.seq === 2 ? { ...e, reason: "invented" } : e)));
    expect(verifyWholeChain([...rewritten, ...events.slice(5)], key)).toMatchObject({ ok: false, brokenSeq: 6, problem: "prev_hash_mismatch" });
  });

  it("the first keyed event after unkeyed ones must be the seal naming them", () => {
    // A keyed event (made with the key) that is not a seal.
    const unkeyed = mixedChain(3, 0);
    const head = unkeyed[2]!;
    const plain = content(4);
    const notASeal = { ...plain, prevHash: head.hash, hash: keyedChainHash(key, head.hash, plain), hashVersion: KEYED };
    expect(verifyWholeChain([...unkeyed, notASeal], key)).toEqual({ ok: false, count: 3, brokenSeq: 4, problem: "seal_missing" });
    // A seal that names another prefix.
    const wrong = content(4, { action: CHAIN_SEAL_ACTION, details: { unkeyedEvents: 2, unkeyedHead: head.hash } });
    const wrongSeal = { ...wrong, prevHash: head.hash, hash: keyedChainHash(key, head.hash, wrong), hashVersion: KEYED };
    expect(verifyWholeChain([...unkeyed, wrongSeal], key)).toMatchObject({ ok: false, brokenSeq: 4, problem: "seal_missing" });
  });

  it("an unkeyed log with no seal does not verify whole, but its events verify as a segment", () => {
    const events = mixedChain(6, 0);
    expect(verifyChain(events)).toMatchObject({ ok: true, count: 6 });
    expect(verifyWholeChain(events, key)).toEqual({ ok: false, count: 6, brokenSeq: 7, problem: "unkeyed_unsealed" });
    expect(verifyChainEnd({ seq: 6, hash: events[5]!.hash, keyed: false })).toMatchObject({ problem: "unkeyed_unsealed" });
    expect(verifyChainEnd({ seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it("refuses a hash version it does not know", () => {
    const events = mixedChain(0, 3);
    events[1] = { ...events[1]!, hashVersion: 3 };
    expect(verifyWholeChain(events, key)).toMatchObject({ ok: false, brokenSeq: 2, problem: "unknown_hash_version" });
  });

  it("gives the same verdict in pages, carrying whether the last event was keyed", () => {
    const events = mixedChain(7, 9);
    for (const pageSize of [1, 3, 7, 8, 16]) {
      let previous: ChainPosition = { hash: GENESIS_HASH, seq: 0 };
      for (let i = 0; i < events.length; i += pageSize) {
        const page = events.slice(i, i + pageSize);
        expect(verifyChain(page, previous, key)).toMatchObject({ ok: true, count: page.length });
        const last = page.at(-1)!;
        previous = { hash: last.hash, seq: last.seq, keyed: last.hashVersion === KEYED };
      }
      expect(verifyChainEnd(previous)).toEqual(verifyWholeChain(events, key));
    }
    // An unkeyed event at the start of a page after a keyed page is still caught.
    const keyedFirst = mixedChain(0, 4);
    const unkeyedNext = content(5);
    const appended = { ...unkeyedNext, prevHash: keyedFirst[3]!.hash, hash: chainHash(keyedFirst[3]!.hash, unkeyedNext), hashVersion: UNKEYED };
    expect(verifyChain([appended], { hash: keyedFirst[3]!.hash, seq: 4, keyed: true }, key)).toMatchObject({
      ok: false,
      brokenSeq: 5,
      problem: "unkeyed_after_keyed",
    });
  });
});
