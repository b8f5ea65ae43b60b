import { Logger } from '../logger';

const logger = new Logger('SerialSwitch');

/**
 * Applies an on/off value through an async call, one call at a time; while one runs, further
 * set() calls only record the wish, and the loop applies the latest one (last wins, no call for
 * a value already applied). Used for producer pause/resume so rapid PTT / VAD toggles never race.
 */
export class SerialSwitch {
  private applied: boolean;
  private desired: boolean;
  private running: Promise<void> = Promise.resolve();
  /** Cleared synchronously when the loop ends, so a set() right after a no-op loop is not lost. */
  private looping = false;
  private closed = false;

  constructor(
    initial: boolean,
    private readonly apply: (value: boolean) => Promise<void>,
    private readonly onError: (error: unknown) => void = (e) => logger.error('switch failed', e),
  ) {
    this.applied = initial;
    this.desired = initial;
  }

  get value(): boolean {
    return this.applied;
  }

  /** Resolves once the switch is idle again. */
  set(value: boolean): Promise<void> {
    this.desired = value;
    if (!this.looping) {
      this.looping = true;
      this.running = this.loop();
    }
    return this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (!this.closed && this.applied !== this.desired) {
        const target = this.desired;
        try {
          await this.apply(target);
          this.applied = target;
        } catch (error) {
          this.onError(error);
          return;
        }
      }
    } finally {
      this.looping = false;
    }
  }

  close(): void {
    this.closed = true;
  }
}
