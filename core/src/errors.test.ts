import { describe, expect, it } from 'vitest';
import { ErrorCode, fromMediaError, fromVideoError, VoxlayError } from './errors';

const failure = (name: string, message = 'x') => new DOMException(message, name);

describe('fromVideoError', () => {
  it('gives a camera failure its own codes, never a microphone one', () => {
    expect(fromVideoError(failure('NotAllowedError', 'Permission denied'), 'camera').code).toBe(ErrorCode.CAMERA_DENIED);
    expect(fromVideoError(failure('NotAllowedError', 'Permission dismissed'), 'camera').code).toBe(ErrorCode.CAMERA_DISMISSED);
    expect(fromVideoError(failure('NotFoundError'), 'camera').code).toBe(ErrorCode.CAMERA_NOT_FOUND);
    expect(fromVideoError(failure('OverconstrainedError'), 'camera').code).toBe(ErrorCode.CAMERA_NOT_FOUND);
    expect(fromVideoError(failure('NotReadableError'), 'camera').code).toBe(ErrorCode.CAMERA_BUSY);
    expect(fromVideoError(new Error('boom'), 'camera')).toMatchObject({ code: ErrorCode.CAMERA_ERROR, message: 'boom' });
  });

  it('tells a cancelled screen picker from a screen capture the browser or the system blocks', () => {
    const cancelled = fromVideoError(failure('NotAllowedError', 'Permission denied'), 'screen');
    expect(cancelled).toMatchObject({ code: ErrorCode.SCREEN_CANCELLED, message: 'Screen sharing was cancelled' });
    expect(fromVideoError(failure('NotAllowedError', 'Permission denied by system'), 'screen').code).toBe(ErrorCode.SCREEN_DENIED);
    expect(fromVideoError(failure('NotFoundError'), 'screen').code).toBe(ErrorCode.SCREEN_ERROR);
    expect(fromVideoError(failure('NotReadableError'), 'screen').code).toBe(ErrorCode.SCREEN_ERROR);
  });

  it('keeps a VoxlayError as it is (a server refusal such as LIMIT_EXCEEDED)', () => {
    const refused = new VoxlayError(ErrorCode.LIMIT_EXCEEDED, 'too many streams');
    expect(fromVideoError(refused, 'screen')).toBe(refused);
  });
});

describe('fromMediaError', () => {
  it('maps the microphone failures to the MICROPHONE_* codes', () => {
    expect(fromMediaError(failure('NotAllowedError', 'Permission denied')).code).toBe(ErrorCode.MICROPHONE_DENIED);
    expect(fromMediaError(failure('NotAllowedError', 'Permission dismissed')).code).toBe(ErrorCode.MICROPHONE_DISMISSED);
    expect(fromMediaError(failure('NotFoundError')).code).toBe(ErrorCode.MICROPHONE_NOT_FOUND);
    expect(fromMediaError(failure('NotReadableError')).code).toBe(ErrorCode.MICROPHONE_BUSY);
  });
});
