import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** How long a signed download link works. */
export const LINK_TTL_SECONDS = 10 * 60;

/**
 * Short-lived signed download links (`?sig=`): an HS256 JWT naming one file of one recording, signed
 * with a key this process draws at start (links die with the process; no configuration to leak).
 * Handed out only to whoever may read the recording's files (Recording.files).
 */
export class RecordingLinks {
  readonly #key = new Uint8Array(randomBytes(32));

  /** The path of one file, signed: GET it without any other credential until it expires. */
  async url(recordingId: string, file: string): Promise<string> {
    const sig = await new SignJWT({ rid: recordingId, f: file })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(`${LINK_TTL_SECONDS}s`)
      .sign(this.#key);
    return `/recordings/${encodeURIComponent(recordingId)}/${encodeURIComponent(file)}?sig=${sig}`;
  }

  /** Whether `sig` is a live signature for exactly this file. */
  async verify(sig: string, recordingId: string, file: string): Promise<boolean> {
    try {
      const { payload } = await jwtVerify(sig, this.#key, { algorithms: ['HS256'] });
      return payload.rid === recordingId && payload.f === file;
    } catch {
      return false;
    }
  }
}
