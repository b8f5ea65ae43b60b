// The one bounded poll of the tests (server, core, PWA, extension, cluster and bench helpers share it).

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /** How long to poll (default 10 s). */
  timeoutMs?: number;
  /** Pause between reads (default 100 ms). */
  intervalMs?: number;
  /**
   * What is awaited, for the error. Given, a timeout throws `timed out after <timeoutMs> ms waiting
   * for <message>` with the last value or error, and an error thrown by `read` counts as "not yet".
   * Absent, a timeout returns the last value (the caller asserts on it) and errors of `read` propagate.
   */
  message?: string;
}

/** Whether `value` is not undefined (a `done` for reads that return undefined until ready). */
export const defined = <T>(value: T | undefined): value is T => value !== undefined;

/**
 * Polls `read` every `intervalMs` until `done(value)` holds, and returns that value. On timeout: see
 * WaitOptions.message. `options` may be just the timeout in ms.
 */
export function waitFor<T, U extends T>(
  read: () => T | Promise<T>,
  done: (value: T) => value is U,
  options: WaitOptions & { message: string },
): Promise<U>;
export function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, options?: WaitOptions | number): Promise<T>;
export async function waitFor<T>(read: () => T | Promise<T>, done: (value: T) => boolean, options: WaitOptions | number = {}): Promise<T> {
  const { timeoutMs = 10_000, intervalMs = 100, message } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = { value };
    } catch (error) {
      if (message === undefined) throw error;
      last = { error };
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  if (message === undefined) return (last as { value: T }).value;
  const detail = last === undefined ? '' : 'error' in last ? `: ${String(last.error)}` : `; last value: ${describe(last.value)}`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${message}${detail}`);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The sorted names of the rows `read` lists, once it lists `count` of them (polled up to `timeoutMs`). */
export async function namesOnceListed(
  read: () => Promise<ReadonlyArray<{ name: string }>>,
  count: number,
  timeoutMs = 10_000,
): Promise<string[]> {
  const rows = await waitFor(read, (r) => r.length === count, timeoutMs);
  return rows.map((r) => r.name).sort();
}
