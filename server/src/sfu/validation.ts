import type { types } from 'mediasoup';
import { z } from 'zod';
import { badUserInput, ErrorCode, voxlayError } from '../errors.js';
import { NameError } from '../names/NameError.js';
import { namePolicy } from '../names/NamePolicy.js';

/**
 * Schemas for the mediasoup parameter objects clients send as JSON. Everything is validated here
 * before mediasoup sees it; unknown extra keys are kept (mediasoup ignores what it does not know).
 */
const mimeType = z.string().regex(/^(audio|video)\/[\w.+-]+$/i, 'mimeType must look like audio/opus');
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const codecParameters = z.record(z.string(), z.union([z.string(), z.number()]));
const rtcpFeedback = z.looseObject({ type: z.string().min(1).max(64), parameter: z.string().max(64).optional() });

const rtpCodecCapability = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType,
  preferredPayloadType: int(0, 127).optional(),
  clockRate: int(1, 1_000_000),
  channels: int(1, 8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const headerExtensionCapability = z.looseObject({
  kind: z.enum(['audio', 'video']),
  uri: z.string().min(1).max(256),
  preferredId: int(1, 255),
  preferredEncrypt: z.boolean().optional(),
  direction: z.enum(['sendrecv', 'sendonly', 'recvonly', 'inactive']).optional(),
});

export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(rtpCodecCapability).max(64).optional(),
  headerExtensions: z.array(headerExtensionCapability).max(64).optional(),
});

const rtpCodecParameters = z.looseObject({
  mimeType,
  payloadType: int(0, 127),
  clockRate: int(1, 1_000_000),
  channels: int(1, 8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const rtpEncoding = z.looseObject({
  ssrc: int(0, 0xffffffff).optional(),
  rid: z.string().max(32).optional(),
  codecPayloadType: int(0, 127).optional(),
  rtx: z.looseObject({ ssrc: int(0, 0xffffffff) }).optional(),
  dtx: z.boolean().optional(),
  scalabilityMode: z.string().max(16).optional(),
  maxBitrate: z.number().nonnegative().optional(),
});

const headerExtensionParameters = z.looseObject({
  uri: z.string().min(1).max(256),
  id: int(1, 255),
  encrypt: z.boolean().optional(),
  parameters: codecParameters.optional(),
});

export const rtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(rtpCodecParameters).min(1).max(32),
  headerExtensions: z.array(headerExtensionParameters).max(32).optional(),
  encodings: z.array(rtpEncoding).max(8).optional(),
  rtcp: z
    .looseObject({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() })
    .optional(),
});

export const dtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.looseObject({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().regex(/^([0-9A-Fa-f]{2}:)+[0-9A-Fa-f]{2}$/, 'fingerprint must be colon-separated hex'),
      }),
    )
    .min(1)
    .max(8),
});

function parseWith<T>(schema: z.ZodType, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw badUserInput(`Invalid ${what}${where}: ${issue?.message ?? 'malformed'}`);
  }
  return result.data as T;
}

export const parseRtpCapabilities = (value: unknown): types.RtpCapabilities =>
  parseWith<types.RtpCapabilities>(rtpCapabilitiesSchema, value, 'rtpCapabilities');
export const parseRtpParameters = (value: unknown): types.RtpParameters =>
  parseWith<types.RtpParameters>(rtpParametersSchema, value, 'rtpParameters');
export const parseDtlsParameters = (value: unknown): types.DtlsParameters =>
  parseWith<types.DtlsParameters>(dtlsParametersSchema, value, 'dtlsParameters');

/**
 * A channel name or display name as stored and shown (names/NamePolicy.ts: NFKC, spaces collapsed), or BAD_USER_INPUT
 * saying why, with `extensions.reason` and, when one character is the cause, `extensions.codePoint`.
 */
export function parseName(value: string, what: string): string {
  try {
    return namePolicy.normalize(value);
  } catch (error) {
    if (!(error instanceof NameError)) throw error;
    throw voxlayError(ErrorCode.BAD_USER_INPUT, `${what} ${error.message}`, {
      reason: error.reason,
      ...(error.codePoint === undefined ? {} : { codePoint: error.codePoint }),
    });
  }
}
