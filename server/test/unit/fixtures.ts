// What the unit tests of the media objects share: a real worker pool, a logger that records,
// opus parameters a producer accepts, and the code of a refused call.
import { pino, type Logger } from 'pino';
import { WorkerPool } from '../../src/sfu/WorkerPool.js';

/** One worker on free ports (nothing here needs more). */
export function startPool(numWorkers = 1): Promise<WorkerPool> {
  return WorkerPool.create({ numWorkers, logger: silentLogger(), sampleIntervalMs: 60_000, rtc: { listenIp: '127.0.0.1', port: 0 } });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A logger whose error lines are kept in `errors` (what a test expects to be logged). */
export function recordingLogger(): { logger: Logger; errors: Array<{ msg: string; eventName?: string }> } {
  const errors: Array<{ msg: string; eventName?: string }> = [];
  const logger = pino(
    { level: 'error' },
    {
      write: (line: string) => {
        errors.push(JSON.parse(line) as { msg: string; eventName?: string });
      },
    },
  );
  return { logger, errors };
}

export { clientDtlsParameters, opusRtpParameters } from '@voxlay/testing/media';

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { extensions?: { code?: string } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { extensions?: { code?: string } };
  }
  throw new Error('expected a rejection');
}

/** The error a call throws. */
export function thrown(call: () => unknown): Error & { extensions?: { code?: string } } {
  try {
    call();
  } catch (error) {
    return error as Error & { extensions?: { code?: string } };
  }
  throw new Error('expected a throw');
}
