import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Channel } from './Channel.js';
import { ChannelRouter } from './ChannelRouter.js';
import { Consumer } from './Consumer.js';
import { closeProducer } from './Mutation/closeProducer.js';
import { connectTransport } from './Mutation/connectTransport.js';
import { createChannel } from './Mutation/createChannel.js';
import { deleteChannel } from './Mutation/deleteChannel.js';
import { joinChannel } from './Mutation/joinChannel.js';
import { leaveChannel } from './Mutation/leaveChannel.js';
import { resumeParticipant } from './Mutation/resumeParticipant.js';
import { pauseConsumers } from './Mutation/pauseConsumers.js';
import { pauseProducer } from './Mutation/pauseProducer.js';
import { produce } from './Mutation/produce.js';
import { renewIceServers } from './Mutation/renewIceServers.js';
import { restartIce } from './Mutation/restartIce.js';
import { resumeConsumers } from './Mutation/resumeConsumers.js';
import { resumeProducer } from './Mutation/resumeProducer.js';
import { setParticipantState } from './Mutation/setParticipantState.js';
import { setPreferredLayers } from './Mutation/setPreferredLayers.js';
import { setRtpCapabilities } from './Mutation/setRtpCapabilities.js';
import { setReceiveBitrate } from './Mutation/setReceiveBitrate.js';
import { stopWatching } from './Mutation/stopWatching.js';
import { watchStream } from './Mutation/watchStream.js';
import { Participant } from './Participant.js';
import { Producer } from './Producer.js';
import { channel } from './Query/channel.js';
import { channels } from './Query/channels.js';
import { health } from './Query/health.js';
import { me } from './Query/me.js';
import { nodes } from './Query/nodes.js';
import { routerRtpCapabilities } from './Query/routerRtpCapabilities.js';
import { workers } from './Query/workers.js';
import { recordings } from './Query/recordings.js';
import { startRecording } from './Mutation/startRecording.js';
import { stopRecording } from './Mutation/stopRecording.js';
import { Recording, RecordingFile } from './Recording.js';
import { DateTimeScalar, JSONScalar } from './scalars.js';
import { channelEvents } from './Subscription/channelEvents.js';
import { lobbyEvents } from './Subscription/lobbyEvents.js';
import { participantEvents } from './Subscription/participantEvents.js';
import { Transport } from './Transport.js';
import { ChannelEvent, LobbyEvent, ParticipantEvent } from './unions.js';
import { Worker } from './Worker.js';

export const resolvers: Resolvers = {
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Query: { health, channels, channel, routerRtpCapabilities, workers, me, nodes, recordings },
  Mutation: {
    createChannel,
    deleteChannel,
    joinChannel,
    resumeParticipant,
    setRtpCapabilities,
    connectTransport,
    produce,
    watchStream,
    stopWatching,
    setReceiveBitrate,
    pauseProducer,
    resumeProducer,
    closeProducer,
    resumeConsumers,
    pauseConsumers,
    setPreferredLayers,
    restartIce,
    renewIceServers,
    leaveChannel,
    setParticipantState,
    startRecording,
    stopRecording,
  },
  Subscription: { channelEvents, participantEvents, lobbyEvents },
  Channel,
  ChannelRouter,
  Participant,
  Worker,
  Transport,
  Producer,
  Consumer,
  Recording,
  RecordingFile,
  ChannelEvent,
  ParticipantEvent,
  LobbyEvent,
};
