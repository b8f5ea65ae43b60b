import { requireAdmin } from '../../auth/access.js';
import { hostedChannel } from '../../cluster/hostedChannel.js';
import { nodeOf } from '../../cluster/channelViews.js';
import { badUserInput } from '../../errors.js';
import { RemoteChannel } from '../../cluster/RemoteChannel.js';
import { summarize } from '../../recording/RecordingRegistry.js';
import type { ChannelResolvers } from '../__generated__/resolvers-types.js';

/** Participants per page of Channel.participants at most (and when `first` is absent). */
const MAX_PAGE = 500;

/** lastN and activeSpeakerIds are properties of sfu/Channel (and cluster/RemoteChannel). */
export const Channel: ChannelResolvers = {
  /** The node hosting the channel (this one on a single server). */
  node: (channel, _args, { services }) => nodeOf(channel, services),
  routerId: (channel) => hostedChannel(channel).router.id,
  /** Operator view: the admin right in token mode. */
  worker: (channel, _args, { principal }) => {
    requireAdmin(principal, 'Channel.worker');
    return hostedChannel(channel).worker;
  },
  /** Operator view, like worker: every router of the channel. */
  routers: (channel, _args, { principal }) => {
    requireAdmin(principal, 'Channel.routers');
    return hostedChannel(channel).routers;
  },
  /** The running recording: anybody who may see the channel is told (consent); none for another node's channel. */
  recording: (channel, _args, { services }) => {
    if (channel instanceof RemoteChannel) return null;
    const recording = services.recordings.active(channel.id);
    return recording ? summarize(recording.manifest()) : null;
  },
  /** Join order, a page at a time: `first` (1..500) after the participant id `after`. */
  participants: (channel, { first, after }) => {
    const size = first ?? MAX_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw badUserInput(`first must be 1..${MAX_PAGE}, got ${size}`);
    const all = channel.participants;
    let start = 0;
    if (after !== undefined && after !== null) {
      const index = all.findIndex((participant) => participant.id === after);
      if (index < 0) throw badUserInput(`after names no participant of channel ${channel.id}: ${JSON.stringify(after)}`);
      start = index + 1;
    }
    return all.slice(start, start + size);
  },
};
