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
