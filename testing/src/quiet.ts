import { vi } from 'vitest';

/**
 * graphql-ws test clients (non-lazy, no retries) log every socket they lose with console.error;
 * fault tests lose sockets on purpose. Mutes those logs (and graphql-ws's EPIPE notice for a
 * message answered on a socket the server just dropped); everything else still reaches stderr.
 * Returns how many were muted so far.
 */
export function muteDroppedSocketLogs(): { readonly count: number } {
  const muted = { count: 0 };
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const first = args[0] as { code?: unknown; reason?: unknown } | string | undefined;
    const closeEvent = typeof first === 'object' && first !== null && typeof first.code === 'number' && typeof first.reason === 'string';
    if (closeEvent || (typeof first === 'string' && first.startsWith('Internal error occurred during message handling'))) {
      muted.count++;
      return;
    }
    original(...args);
  });
  return muted;
}
