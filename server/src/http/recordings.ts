import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasRight, mayAccessChannel, requireIdentity } from '../auth/access.js';
import type { AppServices } from '../graphql/context.js';

const PREFIX = '/recordings/';

function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(`${status} ${message}\n`);
}

/**
 * GET /recordings/<recordingId>/<file>: one file of a recording (audio/ogg), to whoever holds a live
 * signed link for it (`?sig=`, from RecordingFile.url) or, in token mode, `Authorization: Bearer <jwt>`
 * with the `record` or `admin` right for its channel (open mode: anybody). 401 without a credential,
 * 403 with one that does not grant it, 404 for an unknown recording or file; the file name must be
 * one the recording lists, so no path is ever built from the request. False for other paths.
 */
export async function serveRecording(req: IncomingMessage, res: ServerResponse, pathname: string, services: AppServices): Promise<boolean> {
  if (!pathname.startsWith(PREFIX)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    refuse(res, 405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    return true;
  }
  const parts = pathname.slice(PREFIX.length).split('/');
  let id: string;
  let name: string;
  try {
    id = decodeURIComponent(parts[0] ?? '');
    name = decodeURIComponent(parts[1] ?? '');
  } catch {
    refuse(res, 404, 'Not Found');
    return true;
  }
  const sig = new URL(req.url ?? '/', 'http://localhost').searchParams.get('sig');
  const signed = parts.length === 2 && sig !== null && (await services.recordingLinks.verify(sig, id, name));
  if (!signed) {
    const principal = await services.auth.principalFromHeader(req.headers.authorization);
    let identity: ReturnType<typeof requireIdentity>;
    try {
      identity = requireIdentity(principal);
    } catch {
      refuse(res, 401, 'Unauthorized: send Authorization: Bearer <jwt> with the record right, or use a signed link', {
        'www-authenticate': 'Bearer realm="voxlay-recordings"',
      });
      return true;
    }
    if (identity && !hasRight(principal, 'record')) {
      refuse(res, 403, 'Forbidden: your token lacks the record right');
      return true;
    }
    const found = parts.length === 2 ? services.recordings.filePath(id, name) : undefined;
    if (!found) {
      refuse(res, 404, 'Not Found');
      return true;
    }
    if (!mayAccessChannel(principal, { id: found.recording.channelId, name: found.recording.channelName })) {
      refuse(res, 403, 'Forbidden: your token does not grant this channel');
      return true;
    }
  }
  const found = services.recordings.filePath(id, name);
  let size: number;
  try {
    if (!found) throw new Error('unknown');
    size = statSync(found.path).size;
  } catch {
    refuse(res, 404, 'Not Found');
    return true;
  }
  res.writeHead(200, {
    'content-type': 'audio/ogg',
    'content-length': String(size),
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(found.path);
    stream.once('error', () => {
      res.destroy();
      resolve();
    });
    res.once('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return true;
}
