import type { NameRefusal } from './NamePolicyTypes.js';

/** A name the NamePolicy refuses; the message says why (and which character, as U+XXXX) and is safe to show. */
export class NameError extends Error {
  override name = 'NameError';
  readonly reason: NameRefusal;
  /** The offending character, `U+XXXX`, when one character is the reason. */
  readonly codePoint: string | undefined;

  constructor(reason: NameRefusal, message: string, codePoint?: string) {
    super(message);
    this.reason = reason;
    this.codePoint = codePoint;
  }
}
