import type { ChildProcess } from 'node:child_process';

/**
 * Ends a helper process the test kit spawned (redis-server, turnserver): SIGTERM, SIGKILL if it has not
 * exited after `killAfterMs`; resolves once it exited (at once if it already had).
 */
export async function stopChild(child: ChildProcess, killAfterMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(timer);
}
