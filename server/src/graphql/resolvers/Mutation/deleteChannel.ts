import { requireIdentity } from '../../../auth/access.js';
import { findChannel } from '../../../cluster/channelViews.js';
import { RemoteChannel } from '../../../cluster/RemoteChannel.js';
import { notAllowed, notFound } from '../../../errors.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

/**
 * Token mode: an admin, or the identity that created the channel; anybody else gets FORBIDDEN,
 * for an unknown id too (nobody outside learns which ids exist). Open mode: anybody. Never the
 * default channel. Its participants are told (ParticipantLeft CHANNEL_DELETED) and closed.
 * Clustered: deleted from the directory (every node stops listing it); a channel hosted on
 * another live node answers WRONG_NODE.
 */
export const deleteChannel: NonNullable<MutationResolvers['deleteChannel']> = async (_parent, { id }, { services, principal }) => {
  const identity = requireIdentity(principal);
  const channel = await findChannel(services, id);
  if (identity && !identity.rights.has('admin') && (!channel || channel.createdBy?.subject !== identity.subject)) {
    throw notAllowed('you may delete only channels you created (or with the admin right)');
  }
  if (!channel) throw notFound('Channel', id);
  if (channel.isDefault) throw notAllowed('the default channel cannot be deleted');
  if (services.cluster) await services.cluster.deleteChannel(id);
  else services.channels.delete(id, 'deleted');
  // A channel hosted here tells lobbies as it is deleted (LobbyFeed); an orphan no node held, here.
  if (channel instanceof RemoteChannel) services.lobby.channelDeleted(channel);
  return true;
};
