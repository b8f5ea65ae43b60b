import { filter, pipe } from 'graphql-yoga';
import { mayAccessChannel, requireIdentity } from '../../../auth/access.js';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';
import type { LobbyMessageModel } from '../../models.js';

/**
 * Every channel's lobby events (clustered: every node's, over Redis). Token mode: a valid token,
 * checked before anything is looked up; then only the events of channels it may see, the ones
 * Query.channels lists for it.
 */
export const lobbyEvents: NonNullable<SubscriptionResolvers['lobbyEvents']> = {
  subscribe: (_parent, _args, { services, principal }) => {
    requireIdentity(principal);
    return pipe(
      services.pubsub.subscribe('lobbyEvent'),
      filter((message: LobbyMessageModel) => mayAccessChannel(principal, message.channel)),
    );
  },
  resolve: (message: LobbyMessageModel) => message.event,
};
