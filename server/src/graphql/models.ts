/** The server objects behind the GraphQL types (codegen mappers, see codegen.ts). */
import type { ProducerSnapshot } from '../cluster/ProducerSnapshot.js';
import type { RemoteChannel } from '../cluster/RemoteChannel.js';
import type { RemoteParticipant } from '../cluster/RemoteParticipant.js';
import type { Channel } from '../sfu/Channel.js';
import type { ChannelRouter } from '../sfu/ChannelRouter.js';
import type { Participant } from '../sfu/Participant.js';
import type { VoxlayConsumer, VoxlayProducer, VoxlayTransport } from '../sfu/ParticipantTypes.js';
import type { PoolWorker } from '../sfu/PoolWorker.js';

/** Clustered: a channel hosted on another node is a RemoteChannel (cluster/), its members RemoteParticipants. */
export type ChannelModel = Channel | RemoteChannel;
export type ParticipantModel = Participant | RemoteParticipant;
export type TransportModel = VoxlayTransport;
/** A ProducerAdded that came over Redis carries a ProducerSnapshot. */
export type ProducerModel = VoxlayProducer | ProducerSnapshot;
export type ConsumerModel = VoxlayConsumer;
export type WorkerModel = PoolWorker;

/** One router of a channel (Channel.routers). */
export type ChannelRouterModel = ChannelRouter;

/** A server process of the service (Query.nodes, Channel.node). */
export interface NodeModel {
  id: string;
  url: string;
  self: boolean;
  alive: boolean;
  channelCount: number;
  participantCount: number;
  participantCapacity: number;
  acceptingJoins: boolean;
}
