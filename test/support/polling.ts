// Waiting on state another process or a worker writes: read it again every
// few milliseconds up to a deadline, never sleep a fixed time and hope.
const POLL_INTERVAL_MS = 50;

/**
 * Reads until isSettled says the value will not change any more, or the deadline passes, and returns the
 * last read either way: the assertions that follow say what was wrong with it.
 */
export async function settle<T>(read: () => Promise<T>, isSettled: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadlineMs = Date.now() + timeoutMs;
  let value = await read();
  while (!isSettled(value) && Date.now() < deadlineMs) {
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    value = await read();
  }
  return value;
}

/** Waits until the condition holds; past the deadline it fails with what() says is missing. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  if (!(await settle(async () => condition(), (isMet) => isMet, timeoutMs))) throw new Error(`not within ${timeoutMs} ms: ${what()}`);
}
