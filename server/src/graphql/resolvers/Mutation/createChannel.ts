import { isOperator, requireIdentity } from '../../../auth/access.js';
import { notAllowed } from '../../../errors.js';
import { clientOf, limitError } from '../../../limits/graphql.js';
import type { CreateChannelOptions } from '../../../sfu/ChannelRegistry.js';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

/**
 * Token mode: the `create` right (a channel of one's own) or `admin`. Open mode: anybody. Every
 * attempt but an admin's counts against the creation rate of the caller's address and identity
 * (RATE_LIMITED), and a creator holds a bounded number of channels at once (LIMIT_EXCEEDED
 * channelsPerAddress / channelsPerIdentity); those channels expire once empty for a while. An
 * admin's channels stay until deleted. Up to the channel limit in every case (LIMIT_EXCEEDED channels).
 * Clustered: the name is unique in the whole cluster and the channel is hosted on this node.
 * Every lobby that may see it is told (Subscription.lobbyEvents ChannelCreated).
 */
export const createChannel: NonNullable<MutationResolvers['createChannel']> = async (
  _parent,
  { input },
  { services, principal, address },
) => {
  const identity = requireIdentity(principal);
  if (identity && !identity.rights.has('create') && !identity.rights.has('admin'))
    throw notAllowed('createChannel needs the create or admin right');
  const operator = isOperator(principal);
  if (!operator) {
    const refusal = services.limits.takeChannelCreation(clientOf(principal, address));
    if (refusal) throw limitError(refusal);
  }
  const { config } = services;
  const options: CreateChannelOptions = {
    creator: { subject: identity?.subject ?? null, address: address.key },
    expires: !operator,
    maxOwned: operator
      ? undefined
      : {
          perSubject: identity ? config.maxChannelsPerIdentity : undefined,
          perAddress: address.exempt ? undefined : config.maxChannelsPerAddress,
        },
  };
  const channel = await (services.cluster
    ? services.cluster.createChannel(input.name, options)
    : services.channels.create(input.name, options));
  services.lobby.channelCreated(channel);
  return channel;
};
