/** The server objects behind the GraphQL types (codegen mappers, see codegen.ts). */
import type { ChannelView, NodeView } from '../cluster/channelViews.js';
import type { ProducerSnapshot } from '../cluster/ProducerSnapshot.js';
import type { RemoteParticipant } from '../cluster/RemoteParticipant.js';
import type { LobbyEventData, LobbyMessage } from '../lobby/LobbyEventTypes.js';
import type { ChannelEventData } from '../sfu/ChannelTypes.js';
import type { ChannelRouter } from '../sfu/ChannelRouter.js';
import type { Participant } from '../sfu/Participant.js';
import type { VoxlayConsumer, VoxlayProducer, VoxlayTransport } from '../sfu/ParticipantTypes.js';
import type { PoolWorker } from '../sfu/PoolWorker.js';

/** Clustered: a channel hosted on another node is a RemoteChannel (cluster/), its participants RemoteParticipants. */
export type ChannelModel = ChannelView;
export type ParticipantModel = Participant | RemoteParticipant;
export type TransportModel = VoxlayTransport;
/** A ProducerAdded that came over Redis carries a ProducerSnapshot. */
export type ProducerModel = VoxlayProducer | ProducerSnapshot;
export type ConsumerModel = VoxlayConsumer;
export type WorkerModel = PoolWorker;

/** One router of a channel (Channel.routers). */
export type ChannelRouterModel = ChannelRouter;

/** A server process of the service (Query.nodes, Channel.node). */
export type NodeModel = NodeView;

/** A channel event as Subscription.channelEvents resolves it: of this node, or of another one (over Redis). */
export type ChannelEventModel = ChannelEventData<ParticipantModel, ProducerModel>;

/** A lobby event as Subscription.lobbyEvents resolves it: of this node, or of another one (over Redis). */
export type LobbyEventModel = LobbyEventData<ParticipantModel, ChannelModel>;
/** A lobby event with the channel it concerns (the access check), as the lobbyEvent topic carries it. */
export type LobbyMessageModel = LobbyMessage<ParticipantModel, ChannelModel>;

/** A recording, running or finished (Recording), and one of its files (RecordingFile). */
export type {
  RecordingSummary as RecordingModel,
  RecordingFileSummary as RecordingFileModel,
} from '../recording/RecordingRegistryTypes.js';
