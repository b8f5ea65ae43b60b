import type { types } from 'mediasoup';
import { isAdmin, requireIdentity } from '../../auth/access.js';
import { notAllowed } from '../../errors.js';
import type { GraphQLContext } from '../context.js';
import type { RtpStreamStats } from '../__generated__/resolvers-types.js';

type StreamStat = types.ConsumerStat | types.ProducerStat | types.RtpStreamRecvStats | types.RtpStreamSendStats;

/**
 * The worker's counters of one RTP stream for `Producer.stats` / `Consumer.stats`: those of the
 * stream of `type` ('inbound-rtp' for what a producer received, 'outbound-rtp' for what a consumer
 * sent). Null before the stream's first packet (the worker has no stream yet), and when the object
 * is closed (or its worker went away) before the worker answered.
 */
export async function streamStats(
  object: { closed: boolean; getStats(): Promise<StreamStat[]> },
  type: 'inbound-rtp' | 'outbound-rtp',
): Promise<RtpStreamStats | null> {
  if (object.closed) return null;
  const stats = await object.getStats().catch(() => null);
  const stat = stats?.find((s) => s.type === type);
  if (!stat) return null;
  return {
    packetCount: stat.packetCount,
    byteCount: stat.byteCount,
    bitrate: stat.bitrate,
    packetsLost: stat.packetsLost,
    score: stat.score,
  };
}

/**
 * Stats cost a worker request each, so only the participant who owns the object (over its connection)
 * or an operator may ask: a field selected in an event everybody receives would otherwise make the
 * server ask the worker once per subscriber.
 */
export function requireOwnStatsOrAdmin(ownerParticipantId: string, { connection, principal }: GraphQLContext, what: string): void {
  if (connection?.participant?.id === ownerParticipantId) return;
  requireIdentity(principal);
  if (!isAdmin(principal)) throw notAllowed(`${what}.stats of another participant needs the admin right`);
}
