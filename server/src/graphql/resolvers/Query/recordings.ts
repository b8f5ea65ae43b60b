import { hasRight, lookUpChannel, mayAccessChannel, requireIdentity } from '../../../auth/access.js';
import { findChannel } from '../../../cluster/channelViews.js';
import { notAllowed } from '../../../errors.js';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/**
 * This node's recordings, of one channel when given. Token mode: `record` or `admin`; a `record`
 * token sees the channels it grants only (FORBIDDEN for another channelId, known or not).
 */
export const recordings: NonNullable<QueryResolvers['recordings']> = async (_parent, { channelId }, { services, principal }) => {
  const identity = requireIdentity(principal);
  if (identity && !hasRight(principal, 'record')) throw notAllowed('your token lacks the record right');
  if (channelId !== undefined && channelId !== null) {
    const known = services.recordings.list(channelId)[0];
    await lookUpChannel(
      principal,
      channelId,
      async (id) => (await findChannel(services, id)) ?? (known ? { id, name: known.channelName } : undefined),
      'record',
    );
    return services.recordings.list(channelId);
  }
  return services.recordings
    .list()
    .filter((recording) => mayAccessChannel(principal, { id: recording.channelId, name: recording.channelName }));
};
