import type { VoxlayClient } from '../createVoxlayClient';
import { Logger } from '../logger';
import type { ReconnectPolicy } from './reconnect';

const logger = new Logger('Reconnector');

/**
 * Runs attempts to get back into a Channel, paced by a ReconnectPolicy: waits the policy's delay,
 * then for the WebSocket to be connected, then tries. Every wait ends as soon as the attempt's
 * AbortSignal aborts (leave(), a newer attempt), and an aborted run never tries again.
 */
export class Reconnector {
  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly client: Pick<VoxlayClient, 'connected' | 'on'>,
  ) {}

  /** True when an attempt succeeded; false when the policy gave up or `signal` aborted. */
  async run(
    signal: AbortSignal,
    task: {
      before: () => Promise<void>;
      attempt: () => Promise<void>;
      /** Attempt `attempt` (1-based) starts at `startsAt` (ms since the epoch), or now (null). */
      progress?: (attempt: number, startsAt: number | null) => void;
    },
  ): Promise<boolean> {
    await this.waitForSocket(signal);
    if (signal.aborted) return false;
    await task.before().catch(() => undefined);
    for (let attempt = 0; ; attempt++) {
      const delay = this.policy.nextRetryDelayMs(attempt);
      if (delay === null) return false;
      if (delay > 0) task.progress?.(attempt + 1, Date.now() + delay);
      await sleep(delay, signal);
      await this.waitForSocket(signal);
      if (signal.aborted) return false;
      task.progress?.(attempt + 1, null);
      try {
        await task.attempt();
        return !signal.aborted;
      } catch (error) {
        if (signal.aborted) return false;
        logger.warn(`rejoin attempt ${attempt + 1} failed`, error);
      }
    }
  }

  /**
   * One attempt as soon as the WebSocket is connected (no policy delay): true when it worked,
   * false when it threw or `signal` aborted. Used to resume the participant after a drop.
   */
  async once(signal: AbortSignal, attempt: () => Promise<void>): Promise<boolean> {
    await this.waitForSocket(signal);
    if (signal.aborted) return false;
    try {
      await attempt();
      return !signal.aborted;
    } catch (error) {
      if (!signal.aborted) logger.warn('could not resume the participant; joining again', error);
      return false;
    }
  }

  private waitForSocket(signal: AbortSignal): Promise<void> {
    if (this.client.connected || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        off();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const off = this.client.on('connected', done);
      signal.addEventListener('abort', done);
    });
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
