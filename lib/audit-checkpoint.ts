import { createHmac, timingSafeEqual } from "node:crypto";
import { GENESIS_HASH, type ChainVerdict } from "./audit-chain";

/**
 * Checkpoints of the audit chain's head for the data protection officer, who keeps them outside
 * the database (`npm run audit:checkpoint` prints one, `npm run audit:verify -- --checkpoint`
 * checks the chain against them). A keyed chain already stops someone without the key from
 * rewriting events; what it cannot show is that the newest events were removed, since every prefix
 * of a valid chain is valid. A checkpoint pins "the log had at least `seq` events and event `seq`
 * had this hash", so a shortened log is named, and so is a chain recomputed by someone holding the
 * key. Its MAC (a key derived like the chain key, lib/audit-keys.ts) refuses a checkpoint that was
 * made up or edited to match a rewritten log.
 *
 * One line of text: `kotona-audit-checkpoint v1 seq=<n> head=<hash> at=<ISO time> mac=<hex>`.
 */
export interface AuditCheckpoint {
  /** The last event's seq when the checkpoint was taken (0: the log was empty). */
  seq: number;
  /** That event's hash (the genesis hash when seq is 0). */
  head: string;
  /** When the checkpoint was taken. */
  at: Date;
}

const PREFIX = "kotona-audit-checkpoint v1";
const LINE = /^kotona-audit-checkpoint v1 seq=(0|[1-9][0-9]{0,14}) head=([0-9a-f]{64}) at=(\S+) mac=([0-9a-f]{64})$/;
const HASH = /^[0-9a-f]{64}$/;

function signedPart(checkpoint: AuditCheckpoint): string {
  return `${PREFIX} seq=${checkpoint.seq} head=${checkpoint.head} at=${checkpoint.at.toISOString()}`;
}

function mac(key: Buffer, checkpoint: AuditCheckpoint): string {
  return createHmac("sha256", key).update(signedPart(checkpoint)).digest("hex");
}

/** The checkpoint line, MAC included. */
export function formatCheckpoint(key: Buffer, checkpoint: AuditCheckpoint): string {
  if (!Number.isSafeInteger(checkpoint.seq) || checkpoint.seq < 0) throw new RangeError("A checkpoint's seq is a non-negative integer");
  if (!HASH.test(checkpoint.head)) throw new RangeError("A checkpoint's head is a 64-digit hex hash");
  if (Number.isNaN(checkpoint.at.getTime())) throw new RangeError("A checkpoint's time must be a valid date");
  return `${signedPart(checkpoint)} mac=${mac(key, checkpoint)}`;
}

export type CheckpointRefusal = "malformed" | "bad_mac";

export type ParsedCheckpoint = { ok: true; checkpoint: AuditCheckpoint } | { ok: false; refusal: CheckpointRefusal };

/** Reads one line; a line that is not exactly a checkpoint, or whose MAC does not verify under `key`, is refused. */
export function parseCheckpoint(key: Buffer, line: string): ParsedCheckpoint {
  const match = LINE.exec(line.trim());
  if (!match) return { ok: false, refusal: "malformed" };
  const [, seqText, head, atText, givenMac] = match as unknown as [string, string, string, string, string];
  const at = new Date(atText);
  // Only the exact form formatCheckpoint writes: the MAC covers that text.
  if (Number.isNaN(at.getTime()) || at.toISOString() !== atText) return { ok: false, refusal: "malformed" };
  const checkpoint = { seq: Number(seqText), head, at };
  if (checkpoint.seq === 0 && head !== GENESIS_HASH) return { ok: false, refusal: "malformed" };
  const expected = Buffer.from(mac(key, checkpoint), "hex");
  if (!timingSafeEqual(expected, Buffer.from(givenMac, "hex"))) return { ok: false, refusal: "bad_mac" };
  return { ok: true, checkpoint };
}

export class CheckpointError extends Error {
  override name = "CheckpointError";
  constructor(
    readonly refusal: CheckpointRefusal | "none",
    readonly line: number,
  ) {
    super(
      refusal === "none"
        ? "no checkpoint found: give a checkpoint line, or a file with one or more lines from npm run audit:checkpoint"
        : refusal === "bad_mac"
          ? `checkpoint refused (line ${line}): its MAC does not verify, so it was altered, made up, or made with another KOTONA_DATA_KEY`
          : `checkpoint refused (line ${line}): not a checkpoint line from npm run audit:checkpoint`,
    );
  }
}

/**
 * Reads a DPO's saved checkpoints: one per line (blank lines and lines starting with # are
 * skipped). Every other line must be a valid checkpoint, or the whole input is refused: a forged
 * line must not be silently ignored.
 */
export function readCheckpoints(key: Buffer, text: string): AuditCheckpoint[] {
  const checkpoints: AuditCheckpoint[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parsed = parseCheckpoint(key, line);
    if (!parsed.ok) throw new CheckpointError(parsed.refusal, index + 1);
    checkpoints.push(parsed.checkpoint);
  });
  if (checkpoints.length === 0) throw new CheckpointError("none", 0);
  return checkpoints;
}

/** What a walk of the chain found: its verdict, its last seq, and the hash of each event it verified. */
export interface ChainWalk {
  verdict: ChainVerdict;
  lastSeq: number;
  hashAt(seq: number): string | undefined;
}

/**
 * The chain compared with the checkpoints: the first problem by seq wins. A checkpoint whose
 * event now has another hash names that seq, and its count is the seq of the last checkpoint that
 * still matched (the change lies after it, at or before the named seq); a checkpoint beyond the
 * end of the log names the first missing seq.
 */
export function compareWithCheckpoints(walk: ChainWalk, checkpoints: readonly AuditCheckpoint[]): ChainVerdict {
  const { verdict, lastSeq } = walk;
  // Events below `limit` were verified by the walk; beyond a break nothing is known.
  const limit = verdict.ok ? lastSeq + 1 : verdict.brokenSeq;
  let since = 0;
  for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (checkpoint.seq >= limit) {
      if (!verdict.ok) return verdict;
      return { ok: false, count: lastSeq, brokenSeq: lastSeq + 1, problem: "truncated" };
    }
    const hash = checkpoint.seq === 0 ? GENESIS_HASH : walk.hashAt(checkpoint.seq);
    if (hash !== checkpoint.head) {
      return { ok: false, count: since, brokenSeq: checkpoint.seq, problem: "checkpoint_mismatch" };
    }
    since = checkpoint.seq;
  }
  return verdict;
}
