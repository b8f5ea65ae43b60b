/**
 * Errors of the media layer that are not an answer to a client (those are the coded GraphQL errors
 * of ../errors.ts): a bug in the caller, masked as INTERNAL_SERVER_ERROR if one ever reaches a client.
 */

/** A method was called on an object that is closed (mediasoup's InvalidStateError, for our objects). */
export class InvalidStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}
