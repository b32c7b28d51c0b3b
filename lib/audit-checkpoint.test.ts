import { describe, expect, it } from "vitest";
import { GENESIS_HASH, type ChainVerdict } from "./audit-chain";
import {
  CheckpointError,
  compareWithCheckpoints,
  formatCheckpoint,
  parseCheckpoint,
  readCheckpoints,
  type AuditCheckpoint,
  type ChainWalk,
} from "./audit-checkpoint";

const key = Buffer.alloc(32, 4);
const otherKey = Buffer.alloc(32, 5);
const hashOf = (seq: number) => seq.toString(16).padStart(64, "a");
const at = new Date(Date.UTC(2026, 2, 14, 9, 30, 0, 250));
const checkpoint = (seq: number, head = hashOf(seq)): AuditCheckpoint => ({ seq, head, at });

describe("a checkpoint line", () => {
  it("reads back what was written, and says what it is", () => {
    const line = formatCheckpoint(key, checkpoint(1234));
    expect(line).toMatch(/^kotona-audit-checkpoint v1 seq=1234 head=[0-9a-f]{64} at=2026-03-14T09:30:00\.250Z mac=[0-9a-f]{64}$/);
    expect(parseCheckpoint(key, line)).toEqual({ ok: true, checkpoint: checkpoint(1234) });
    expect(parseCheckpoint(key, `  ${line}\n`)).toMatchObject({ ok: true });
    const empty = formatCheckpoint(key, { seq: 0, head: GENESIS_HASH, at });
    expect(parseCheckpoint(key, empty)).toEqual({ ok: true, checkpoint: { seq: 0, head: GENESIS_HASH, at } });
  });

  it.each([
    ["seq", (line: string) => line.replace("seq=1234", "seq=1233")],
    ["head", (line: string) => line.replace(/head=./, "head=f")],
    ["time", (line: string) => line.replace("09:30:00.250Z", "09:30:00.251Z")],
    ["MAC", (line: string) => line.replace(/mac=./, (m) => (m.endsWith("0") ? "mac=1" : "mac=0"))],
  ])("is refused when its %s was edited", (_what, edit) => {
    const line = formatCheckpoint(key, checkpoint(1234));
    const edited = edit(line);
    expect(edited).not.toBe(line);
    expect(parseCheckpoint(key, edited)).toEqual({ ok: false, refusal: "bad_mac" });
  });

  it("made with another key (a forgery by someone without this deployment's key) is refused", () => {
    expect(parseCheckpoint(key, formatCheckpoint(otherKey, checkpoint(10)))).toEqual({ ok: false, refusal: "bad_mac" });
  });

  it.each([
    "",
    "kotona-audit-checkpoint v1 seq=12",
    `kotona-audit-checkpoint v2 seq=1 head=${hashOf(1)} at=2026-03-14T09:30:00.250Z mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=-1 head=${hashOf(1)} at=2026-03-14T09:30:00.250Z mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=01 head=${hashOf(1)} at=2026-03-14T09:30:00.250Z mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=1 head=${hashOf(1).toUpperCase()} at=2026-03-14T09:30:00.250Z mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=1 head=${hashOf(1)} at=2026-03-14 mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=1 head=${hashOf(1)} at=2026-02-30T09:30:00.250Z mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=0 head=${hashOf(1)} at=2026-03-14T09:30:00.250Z mac=${"0".repeat(64)}`,
    `kotona-audit-checkpoint v1 seq=1 head=${hashOf(1)} at=2026-03-14T09:30:00.250Z mac=${"0".repeat(64)} extra`,
  ])("that is not exactly the written form is malformed: %j", (line) => {
    expect(parseCheckpoint(key, line)).toEqual({ ok: false, refusal: "malformed" });
  });

  it("is not written for an impossible head", () => {
    expect(() => formatCheckpoint(key, { seq: -1, head: GENESIS_HASH, at })).toThrow(RangeError);
    expect(() => formatCheckpoint(key, { seq: 1, head: "xyz", at })).toThrow(RangeError);
    expect(() => formatCheckpoint(key, { seq: 1, head: hashOf(1), at: new Date(Number.NaN) })).toThrow(RangeError);
  });
});

describe("a file of checkpoints", () => {
  it("gives every checkpoint line, skipping blank lines and # comments", () => {
    const text = [
      "# checkpoints of the Kotola register",
      formatCheckpoint(key, checkpoint(5)),
      "",
      formatCheckpoint(key, checkpoint(40)),
      "   ",
    ].join("\r\n");
    expect(readCheckpoints(key, text)).toEqual([checkpoint(5), checkpoint(40)]);
  });

  it("is refused whole when one line is forged, naming the line", () => {
    const text = [formatCheckpoint(key, checkpoint(5)), formatCheckpoint(otherKey, checkpoint(9))].join("\n");
    expect(() => readCheckpoints(key, text)).toThrow(CheckpointError);
    expect(() => readCheckpoints(key, text)).toThrow(/line 2\).*MAC does not verify/);
    expect(() => readCheckpoints(key, "hello")).toThrow(/line 1\): not a checkpoint line/);
    expect(() => readCheckpoints(key, "# nothing\n\n")).toThrow(/no checkpoint found/);
  });
});

describe("the chain compared with checkpoints", () => {
  /** A walk that verified seq 1..lastSeq, whose events have hashOf(seq) except where `changed`. */
  function walk(lastSeq: number, changed: Record<number, string> = {}, verdict?: ChainVerdict): ChainWalk {
    return {
      verdict: verdict ?? { ok: true, count: lastSeq, lastHash: changed[lastSeq] ?? hashOf(lastSeq) },
      lastSeq,
      hashAt: (seq) => (seq >= 1 && seq <= lastSeq ? (changed[seq] ?? hashOf(seq)) : undefined),
    };
  }

  it("agrees with a chain that kept its events and grew since", () => {
    const w = walk(100);
    expect(compareWithCheckpoints(w, [checkpoint(10), checkpoint(0, GENESIS_HASH), checkpoint(100)])).toEqual(w.verdict);
    expect(compareWithCheckpoints(w, [])).toEqual(w.verdict);
  });

  it("names the first missing seq when the log ends before a checkpoint (its tail was cut)", () => {
    expect(compareWithCheckpoints(walk(57), [checkpoint(10), checkpoint(80)])).toEqual({
      ok: false,
      count: 57,
      brokenSeq: 58,
      problem: "truncated",
    });
    // Emptied altogether.
    expect(compareWithCheckpoints(walk(0), [checkpoint(3)])).toEqual({ ok: false, count: 0, brokenSeq: 1, problem: "truncated" });
  });

  it("names a checkpoint whose event now has another hash (a chain recomputed with the key), after the last one that matched", () => {
    const recomputed = walk(100, Object.fromEntries(Array.from({ length: 71 }, (_, i) => [30 + i, "b".repeat(64)])));
    expect(compareWithCheckpoints(recomputed, [checkpoint(50), checkpoint(20), checkpoint(90)])).toEqual({
      ok: false,
      count: 20,
      brokenSeq: 50,
      problem: "checkpoint_mismatch",
    });
  });

  it("lets the first problem by seq win between a broken chain and the checkpoints", () => {
    const brokenAt40: ChainVerdict = { ok: false, count: 39, brokenSeq: 40, problem: "hash_mismatch" };
    // A checkpoint before the break that still matches, one after it: the break is the news.
    expect(compareWithCheckpoints(walk(39, {}, brokenAt40), [checkpoint(30), checkpoint(60)])).toEqual(brokenAt40);
    // A checkpoint before the break that no longer matches comes first.
    expect(compareWithCheckpoints(walk(39, { 25: "c".repeat(64) }, brokenAt40), [checkpoint(25)])).toMatchObject({
      brokenSeq: 25,
      problem: "checkpoint_mismatch",
    });
  });
});
