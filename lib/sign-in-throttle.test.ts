import { describe, expect, it } from "vitest";
import {
  decideSignInAttempt,
  delayAfterFailures,
  EMPTY_STATE,
  isExpired,
  isKnownAddress,
  KNOWN_ADDRESS_MS,
  refundSuccess,
  SIGN_IN_LIMITS,
  startedDelay,
  type SignInScope,
  type ThrottleState,
} from "./sign-in-throttle";

const NOW = new Date("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

type States = Record<SignInScope, ThrottleState>;
const fresh = (): States => ({ pair: EMPTY_STATE, account: EMPTY_STATE, address: EMPTY_STATE });

/** Runs attempts one after another, each a failure, applying what the rule reserves. */
function failAt(states: States, when: Date): { states: States; allowed: boolean } {
  const decision = decideSignInAttempt(states, when);
  if (!decision.allowed) return { states, allowed: false };
  const next = { ...states };
  for (const r of decision.reserved) next[r.scope] = r.next;
  return { states: next, allowed: true };
}

describe("delayAfterFailures", () => {
  it.each([
    ["pair", 4, 0],
    ["pair", 5, 30 * SECOND],
    ["pair", 6, MINUTE],
    ["pair", 7, 2 * MINUTE],
    ["pair", 9, 8 * MINUTE],
    ["pair", 10, 15 * MINUTE],
    ["pair", 1000, 15 * MINUTE],
    ["account", 19, 0],
    ["account", 20, MINUTE],
    ["account", 26, HOUR],
    ["address", 29, 0],
    ["address", 30, MINUTE],
    ["address", 31, 2 * MINUTE],
    ["address", 10_000, HOUR],
  ] as const)("%s after %d failures: %d ms", (scope, failures, delay) => {
    expect(delayAfterFailures(failures, SIGN_IN_LIMITS[scope])).toBe(delay);
  });
});

describe("decideSignInAttempt", () => {
  it("checks the free failures of one email at one address, then holds the next attempt back", () => {
    let states = fresh();
    for (let i = 0; i < SIGN_IN_LIMITS.pair.freeFailures; i++) {
      const step = failAt(states, NOW);
      expect(step.allowed, `attempt ${i + 1}`).toBe(true);
      states = step.states;
    }
    const refused = decideSignInAttempt(states, NOW);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 30 * SECOND, blockedBy: ["pair"] });
  });

  it("counts an allowed attempt before its password is checked, so a burst gets no more than the free ones", () => {
    // Forty attempts one after another with no result in between: what racing requests see
    // once they are serialized by the per-account lock.
    let states = fresh();
    let allowed = 0;
    for (let i = 0; i < 40; i++) {
      const step = failAt(states, NOW);
      if (step.allowed) allowed++;
      states = step.states;
    }
    expect(allowed).toBe(SIGN_IN_LIMITS.pair.freeFailures);
  });

  it("grows the delay with each failure after it, up to the cap; refused attempts do not lengthen it", () => {
    let states = fresh();
    for (let i = 0; i < 5; i++) states = failAt(states, NOW).states;
    const waits: number[] = [];
    let when = NOW;
    for (let i = 0; i < 8; i++) {
      const refused = decideSignInAttempt(states, when);
      if (refused.allowed) throw new Error("expected a delay");
      // Retrying during the delay changes nothing.
      expect(failAt(states, new Date(when.getTime() + 1)).allowed).toBe(false);
      waits.push(refused.retryAfterMs);
      when = new Date(when.getTime() + refused.retryAfterMs);
      states = failAt(states, when).states;
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900].map((s) => s * SECOND));
  });

  it("forgets failures a day after the last one", () => {
    let states = fresh();
    for (let i = 0; i < 5; i++) states = failAt(states, NOW).states;
    const later = at(SIGN_IN_LIMITS.pair.forgetAfterMs);
    const decision = decideSignInAttempt(states, later);
    expect(decision.allowed).toBe(true);
    if (decision.allowed) expect(decision.reserved.find((r) => r.scope === "pair")?.next.failures).toBe(1);
  });

  it("an address the account signed in from is known: only its own pair counts there", () => {
    const states: States = {
      pair: { ...EMPTY_STATE, lastSuccessAt: at(-10 * 24 * HOUR) },
      account: { failures: 40, lastFailureAt: NOW, blockedUntil: at(HOUR), lastSuccessAt: null },
      address: { failures: 90, lastFailureAt: NOW, blockedUntil: at(HOUR), lastSuccessAt: null },
    };
    const decision = decideSignInAttempt(states, NOW);
    expect(decision).toMatchObject({ allowed: true, known: true });
    if (decision.allowed) expect(decision.reserved.map((r) => r.scope)).toEqual(["pair"]);
    // Unknown again 90 days after the last success.
    expect(isKnownAddress(states.pair, at(KNOWN_ADDRESS_MS - 10 * 24 * HOUR))).toBe(false);
    expect(decideSignInAttempt(states, at(-1)).allowed).toBe(true);
  });

  it("a new address is held back while the account or the address is", () => {
    const account = { failures: 20, lastFailureAt: NOW, blockedUntil: at(MINUTE), lastSuccessAt: null };
    expect(decideSignInAttempt({ ...fresh(), account }, NOW)).toEqual({ allowed: false, retryAfterMs: MINUTE, blockedBy: ["account"] });
    const address = { failures: 31, lastFailureAt: NOW, blockedUntil: at(2 * MINUTE), lastSuccessAt: null };
    expect(decideSignInAttempt({ ...fresh(), account, address }, NOW)).toEqual({ allowed: false, retryAfterMs: 2 * MINUTE, blockedBy: ["account", "address"] });
  });

  it("twenty failures of one email from twenty new addresses hold back every new address", () => {
    let account = EMPTY_STATE;
    for (let i = 0; i < SIGN_IN_LIMITS.account.freeFailures; i++) {
      const decision = decideSignInAttempt({ pair: EMPTY_STATE, account, address: EMPTY_STATE }, NOW);
      if (!decision.allowed) throw new Error(`attempt ${i + 1} refused`);
      account = decision.reserved.find((r) => r.scope === "account")!.next;
    }
    expect(decideSignInAttempt({ pair: EMPTY_STATE, account, address: EMPTY_STATE }, NOW)).toMatchObject({ allowed: false, blockedBy: ["account"] });
  });
});

describe("refundSuccess", () => {
  it("a correct password resets its pair and makes its address known", () => {
    let states = fresh();
    for (let i = 0; i < 4; i++) states = failAt(states, NOW).states;
    const decision = decideSignInAttempt(states, NOW);
    if (!decision.allowed) throw new Error("refused");
    for (const r of decision.reserved) states[r.scope] = r.next;
    // The fifth attempt started the delay; it was the right password.
    expect(states.pair.blockedUntil).not.toBeNull();
    const pair = decision.reserved.find((r) => r.scope === "pair")!;
    expect(refundSuccess("pair", states.pair, pair, NOW)).toEqual({ failures: 0, lastFailureAt: null, blockedUntil: null, lastSuccessAt: NOW });
  });

  it("gives back the account's reserved failure and lifts the delay the attempt itself started", () => {
    const before: ThrottleState = { failures: 19, lastFailureAt: NOW, blockedUntil: null, lastSuccessAt: null };
    const decision = decideSignInAttempt({ ...fresh(), account: before }, NOW);
    if (!decision.allowed) throw new Error("refused");
    const reserved = decision.reserved.find((r) => r.scope === "account")!;
    expect(reserved.next.blockedUntil).toEqual(at(MINUTE));
    expect(refundSuccess("account", reserved.next, reserved, NOW)).toMatchObject({ failures: 19, blockedUntil: null });
  });

  it("keeps a delay that someone else's failures started meanwhile", () => {
    const before: ThrottleState = { failures: 24, lastFailureAt: NOW, blockedUntil: at(-1), lastSuccessAt: null };
    const decision = decideSignInAttempt({ ...fresh(), account: before }, NOW);
    if (!decision.allowed) throw new Error("refused");
    const reserved = decision.reserved.find((r) => r.scope === "account")!;
    // Own delay, count still past the free ones: back to what it was before this attempt.
    expect(refundSuccess("account", reserved.next, reserved, NOW).blockedUntil).toEqual(at(-1));
    const meanwhile = { ...reserved.next, failures: 26, blockedUntil: at(HOUR) };
    expect(refundSuccess("account", meanwhile, reserved, NOW)).toMatchObject({ failures: 25, blockedUntil: at(HOUR) });
  });
});

describe("startedDelay and isExpired", () => {
  it("a failure that starts a delay is a lockout; one within free failures is not", () => {
    let states = fresh();
    for (let i = 0; i < 4; i++) states = failAt(states, NOW).states;
    const fifth = decideSignInAttempt(states, NOW);
    if (!fifth.allowed) throw new Error("refused");
    expect(fifth.reserved.filter((r) => startedDelay(r, NOW)).map((r) => r.scope)).toEqual(["pair"]);
    const third = decideSignInAttempt(fresh(), NOW);
    if (!third.allowed) throw new Error("refused");
    expect(third.reserved.some((r) => startedDelay(r, NOW))).toBe(false);
  });

  it.each([
    ["empty", EMPTY_STATE, true],
    ["remembered failures", { ...EMPTY_STATE, failures: 2, lastFailureAt: at(-HOUR) }, false],
    ["failures a day old", { ...EMPTY_STATE, failures: 2, lastFailureAt: at(-24 * HOUR) }, true],
    ["an old delay past", { ...EMPTY_STATE, failures: 9, lastFailureAt: at(-25 * HOUR), blockedUntil: at(-24 * HOUR) }, true],
    ["a delay running", { ...EMPTY_STATE, failures: 9, lastFailureAt: at(-25 * HOUR), blockedUntil: at(MINUTE) }, false],
    ["a known address", { ...EMPTY_STATE, lastSuccessAt: at(-HOUR) }, false],
    ["a known address gone stale", { ...EMPTY_STATE, lastSuccessAt: at(-KNOWN_ADDRESS_MS) }, true],
  ] as const)("%s: expired %s", (_label, state, expired) => {
    expect(isExpired("pair", state, NOW)).toBe(expired);
  });
});
