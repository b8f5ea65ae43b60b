import type { VoxlayClient } from './createVoxlayClient';
import type { ReconnectPolicy } from './reconnect';

/**
 * Runs rejoin attempts paced by a ReconnectPolicy: waits the policy's delay, then for the
 * WebSocket to be connected, then tries. Stops when an attempt succeeds (true), the policy gives
 * up (false) or the run is no longer current (leave()).
 */
export class ReconnectRunner {
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly policy: ReconnectPolicy,
    private readonly client: Pick<VoxlayClient, 'connected' | 'on'>,
  ) {}

  async run(task: { isCurrent: () => boolean; before: () => Promise<void>; attempt: () => Promise<void> }): Promise<boolean> {
    await this.waitForSocket();
    if (!task.isCurrent()) return false;
    await task.before().catch(() => undefined);
    for (let attempt = 0; ; attempt++) {
      const delay = this.policy.nextRetryDelayMs(attempt);
      if (delay === null) return false;
      await this.sleep(delay);
      if (!task.isCurrent()) return false;
      await this.waitForSocket();
      if (!task.isCurrent()) return false;
      try {
        await task.attempt();
        return task.isCurrent();
      } catch (error) {
        if (!task.isCurrent()) return false;
        console.warn(`[voxlay] rejoin attempt ${attempt + 1} failed`, error);
      }
    }
  }

  /**
   * One attempt as soon as the WebSocket is connected (no policy delay): true when it worked,
   * false when it threw or the run went stale. Used to resume a session after a drop.
   */
  async once(task: { isCurrent: () => boolean; attempt: () => Promise<void> }): Promise<boolean> {
    await this.waitForSocket();
    if (!task.isCurrent()) return false;
    try {
      await task.attempt();
      return task.isCurrent();
    } catch (error) {
      if (task.isCurrent()) console.warn('[voxlay] could not resume the session; joining again', error);
      return false;
    }
  }

  /** Wakes every wait so a stale run notices it is no longer current. */
  cancel(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  private waitForSocket(): Promise<void> {
    if (this.client.connected) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        off();
        this.wakers.delete(wake);
        resolve();
      };
      const off = this.client.on('connected', wake);
      this.wakers.add(wake);
    });
  }
}
