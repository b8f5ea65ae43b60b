import type { GraphQLError } from 'graphql';
import { unavailable, wrongNode } from '../errors.js';
import type { Channel } from '../sfu/Channel.js';
import { RemoteChannel } from './RemoteChannel.js';

const RETRY_AFTER_MS = 500;

/** Why a remote channel cannot answer here: WRONG_NODE to its live node, else UNAVAILABLE (being moved). */
export function notHostedHere(channel: RemoteChannel): GraphQLError {
  const node = channel.node;
  if (node?.alive) return wrongNode(channel.id, node.id, node.url);
  return unavailable(channel.id, RETRY_AFTER_MS);
}

/**
 * The local sfu Channel behind a Channel model, for fields only its hosting node can answer (operator
 * views: worker, routerId, routers). A channel hosted elsewhere answers WRONG_NODE (or UNAVAILABLE).
 */
export function hostedChannel(channel: Channel | RemoteChannel): Channel {
  if (channel instanceof RemoteChannel) throw notHostedHere(channel);
  return channel;
}
