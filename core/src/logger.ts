/**
 * The one logger of core (mediasoup `Logger.ts` style: one prefixed logger per module). Silent by
 * default: an app that wants core's diagnostics injects a sink with `setLogger(console)` (or its own).
 */
export interface LogSink {
  debug(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

const silent: LogSink = { debug: () => undefined, warn: () => undefined, error: () => undefined };
let sink: LogSink = silent;

/** Where core's log lines go from now on; null makes core silent again (the default). */
export function setLogger(next: LogSink | null): void {
  sink = next ?? silent;
}

/** A logger whose lines start with `[voxlay:<scope>]` and go to the sink set at the time of the call. */
export class Logger {
  private readonly prefix: string;

  constructor(scope: string) {
    this.prefix = `[voxlay:${scope}]`;
  }

  debug(message: string, ...args: unknown[]): void {
    sink.debug(this.prefix, message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    sink.warn(this.prefix, message, ...args);
  }

  error(message: string, ...args: unknown[]): void {
    sink.error(this.prefix, message, ...args);
  }
}
