// When a sign-in attempt must wait, from the recent failed attempts on the
// account. The guard is per account AND source (client IP), and it slows a
// source down progressively instead of locking the account: a fixed lock per
// account ("10 failures from anywhere lock it for 15 minutes") lets anyone
// lock the owner out by typing wrong passwords, whereas here a source that has
// not been failing — the owner at home — is never held back by the failures
// of another. Guessing stays expensive: a source gets FREE_FAILURES tries,
// then waits 30 s, 1, 2, 4, 8 and 15 minutes between tries (about 15
// guesses per account per source in 15 minutes, on top of the per-IP rate
// limit). Against many sources at once (an account that failed
// UNDER_ATTACK_FAILURES times in the window), each source's free tries drop to
// one: a botnet gets few guesses per address, while a clean source still
// passes. Pure: the instants come from the audit log, "now" is an argument.

export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Failures a source may make on an account in the window before it has to wait. */
export const FREE_FAILURES = 10;
/** Failures on the account from all sources in the window that mean a distributed attack. */
export const UNDER_ATTACK_FAILURES = 50;
const FIRST_PAUSE_MS = 30_000;

/** How long a source that has `failures` recent failures must wait after its last one (0: no wait). */
export function pauseAfterFailuresMs(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(FIRST_PAUSE_MS * 2 ** (failures - freeFailures), SIGN_IN_FAILURE_WINDOW_MS);
}

/**
 * Milliseconds until this source may try again (0: it may try now).
 * sourceFailuresMs: the source's failed attempts on the account within the window (any order);
 * accountFailures: the account's failures from all sources within the window.
 */
export function signInWaitMs(sourceFailuresMs: readonly number[], accountFailures: number, nowMs: number): number {
  const freeFailures = accountFailures >= UNDER_ATTACK_FAILURES ? 1 : FREE_FAILURES;
  const pauseMs = pauseAfterFailuresMs(sourceFailuresMs.length, freeFailures);
  if (pauseMs === 0) return 0;
  const lastFailureMs = Math.max(...sourceFailuresMs);
  return Math.max(0, lastFailureMs + pauseMs - nowMs);
}
