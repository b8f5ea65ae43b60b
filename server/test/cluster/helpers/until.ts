import { sleep } from '../../integration/helpers/app.js';

/**
 * Polls `read` every 100 ms until it returns a value (errors count as "not yet"); throws with `what`
 * and the last error after `timeoutMs`.
 */
export async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
