/** The server objects behind the GraphQL types (codegen mappers, see codegen.ts). */
import type { Channel } from '../sfu/Channel.js';
import type { Participant } from '../sfu/Participant.js';
import type { VoxlayConsumer, VoxlayProducer, VoxlayTransport } from '../sfu/ParticipantTypes.js';
import type { PoolWorker } from '../sfu/PoolWorker.js';

export type ChannelModel = Channel;
export type ParticipantModel = Participant;
export type TransportModel = VoxlayTransport;
export type ProducerModel = VoxlayProducer;
export type ConsumerModel = VoxlayConsumer;
export type WorkerModel = PoolWorker;

/** One router of a channel (Channel.routers). */
export interface ChannelRouterModel {
  id: string;
  worker: PoolWorker;
  participantCount: number;
  pipedProducerCount: number;
}

/** A server process of the service (Query.nodes, Channel.node). */
export interface NodeModel {
  id: string;
  url: string;
  self: boolean;
  alive: boolean;
  channelCount: number;
  participantCount: number;
}
