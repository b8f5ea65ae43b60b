// Fixtures of the channel unit tests (Channel, ChannelConnection, ChannelTrouble, RemoteParticipants):
// the GraphQL shapes from codegen, a scripted Signaling, a mediasoup-client Device on FakeHandler,
// a connection as the Channel drives it, and a client whose WebSocket the test drops. Test code only.
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { Device } from 'mediasoup-client';
import * as fakeParameters from 'mediasoup-client/fakeParameters';
import { FakeHandler } from 'mediasoup-client/handlers/FakeHandler';
import type { VoxlayClient, VoxlayConnectionEvents } from '../createVoxlayClient';
import { TypedEmitter } from '../events';
import type {
  ConsumerOptionsFieldsFragment,
  JoinChannelMutation,
  ParticipantEventsSubscription,
  ParticipantFieldsFragment,
  TransportOptionsFieldsFragment,
} from '../graphql/__generated__/graphql';
import type { Signaling } from '../signaling/Signaling';
import type { ChannelConnection, ChannelConnectionEvents, MediaPathState } from './ChannelConnection';

/** Lets `times` rounds of timers and promise callbacks run (real timers). */
export async function flush(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export type ParticipantEvent = ParticipantEventsSubscription['participantEvents']['event'];

/** A participant as the API sends it (ParticipantFields), in channel 'ch'. */
export function participant(id: string, fields: Partial<ParticipantFieldsFragment> = {}): ParticipantFieldsFragment {
  return {
    id,
    displayName: `name-${id}`,
    channelId: 'ch',
    muted: false,
    joinedAt: '',
    selfMuted: false,
    deafened: false,
    listenOnly: false,
    voiceMode: 'ALWAYS_ON',
    qualityLevel: 'UNKNOWN',
    live: false,
    cameraOn: false,
    ...fields,
  };
}

function transportOptions(): TransportOptionsFieldsFragment {
  const t = fakeParameters.generateTransportRemoteParameters();
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters };
}

/** A JoinChannel answer for participant 'me' in channel 'ch' (Lobby): `others` are there before it. */
export function joinPayload(
  options: {
    others?: string[];
    activeSpeakerIds?: string[];
    consumers?: ConsumerOptionsFieldsFragment[];
    seq?: number;
    lastN?: number;
  } = {},
): JoinChannelMutation {
  const others = (options.others ?? ['a']).map((id) => ({ ...participant(id), streams: [] }));
  return {
    joinChannel: {
      participant: participant('me'),
      channel: {
        id: 'ch',
        name: 'Lobby',
        isDefault: false,
        participantCount: others.length + 1,
        lastN: options.lastN ?? 5,
        activeSpeakerIds: options.activeSpeakerIds ?? [],
        participants: [...others, { ...participant('me'), streams: [] }],
        recording: null,
      },
      sendTransport: transportOptions(),
      recvTransport: transportOptions(),
      consumers: options.consumers ?? [],
      seq: options.seq ?? 10,
      resumeToken: 'secret',
      iceServers: [],
    },
  };
}

const operationName = (document: unknown): string =>
  ((document as DocumentNode).definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode).name!.value;

export type SignalingAnswers = Record<string, (variables: Record<string, unknown>) => unknown>;

/**
 * A Signaling that answers each operation by name from `answers` (else `{}`) and records every
 * mutation, query and subscription in `calls`; `event` pushes a participantEvent to the subscriber.
 */
export function fakeSignaling(answers: SignalingAnswers = {}) {
  const calls: string[] = [];
  let subscriber: ((data: ParticipantEventsSubscription) => void) | null = null;
  const signaling = {
    async mutate(document: unknown, variables: Record<string, unknown>) {
      const name = operationName(document);
      calls.push(name);
      return (answers[name] ?? (() => ({})))(variables);
    },
    async query(document: unknown) {
      calls.push(operationName(document));
      return {};
    },
    subscribe(document: unknown, variables: Record<string, unknown>, onData: (data: ParticipantEventsSubscription) => void) {
      calls.push(`${operationName(document)} after ${String(variables.afterSeq)}`);
      subscriber = onData;
      return () => {
        calls.push('unsubscribe');
        subscriber = null;
      };
    },
  };
  const event = (seq: number, event: ParticipantEvent): void => subscriber?.({ participantEvents: { seq, event } });
  return { signaling: signaling as unknown as Signaling, calls, event };
}

/**
 * A loaded mediasoup-client Device on FakeHandler (no WebRTC): `handlers` lists the handler of each
 * transport it creates, so a test can set its connection state (setConnectionState) as ICE would.
 */
export async function fakeDevice(): Promise<{ device: Device; handlers: { direction: 'send' | 'recv'; handler: FakeHandler }[] }> {
  const base = FakeHandler.createFactory(fakeParameters);
  const handlers: { direction: 'send' | 'recv'; handler: FakeHandler }[] = [];
  const device = new Device({
    handlerFactory: {
      ...base,
      factory: (options) => {
        const handler = base.factory(options);
        if (handler instanceof FakeHandler) handlers.push({ direction: options.direction, handler });
        return handler;
      },
    },
  });
  await device.load({ routerRtpCapabilities: fakeParameters.generateRouterRtpCapabilities() });
  return { device, handlers };
}

/** A live audio track as far as mediasoup-client's produce() looks at it (Node has no MediaStreamTrack). */
export function fakeAudioTrack(): MediaStreamTrack {
  return {
    id: 'track-1',
    kind: 'audio',
    enabled: true,
    muted: false,
    readyState: 'live',
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  } as unknown as MediaStreamTrack;
}

/**
 * A join's connection as the Channel (and RemoteParticipants, ChannelTrouble) drive it: its events
 * (`emit`, nothing once closed), and a `log` of what is done to it (suspend, resume, leave, close).
 */
export class FakeConnection {
  private readonly emitter = new TypedEmitter<ChannelConnectionEvents>();
  readonly channel = { id: 'ch', name: 'Lobby' };
  readonly lastN = 2;
  readonly initialParticipants = [{ id: 'other', displayName: 'Other', muted: false }];
  readonly initialActiveSpeakerIds: string[] = [];
  readonly heard = Promise.resolve();
  readonly hasProducer = false;
  isClosed = false;
  mediaState: MediaPathState = 'connected';
  /** What setParticipantState told the server, in order. */
  readonly states: Record<string, unknown>[] = [];
  /** Resolves the LeaveChannel this connection sent (the test decides when). */
  finishLeave: () => void = () => undefined;

  constructor(
    readonly participantId = 'me',
    private readonly log: string[] = [],
    private readonly behaviour: { resumable?: boolean; resume?: () => Promise<void> } = {},
  ) {}

  /** Typed as the real one, for the code under test. */
  get asConnection(): ChannelConnection {
    return this as unknown as ChannelConnection;
  }

  on<K extends keyof ChannelConnectionEvents>(event: K, listener: ChannelConnectionEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  emit<K extends keyof ChannelConnectionEvents>(event: K, ...args: Parameters<ChannelConnectionEvents[K]>): void {
    if (!this.isClosed) this.emitter.emit(event, ...args);
  }

  /** The media path changes (and says so, as ChannelConnection does). */
  setMediaState(state: MediaPathState): void {
    this.mediaState = state;
    this.emit('mediaStateChanged', state);
  }

  suspend(): boolean {
    this.log.push(`suspend ${this.participantId}`);
    return (this.behaviour.resumable ?? false) && !this.isClosed;
  }

  async resumeParticipant(): Promise<void> {
    this.log.push(`resume ${this.participantId}`);
    await (this.behaviour.resume ?? (async () => undefined))();
  }

  leave(): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    this.isClosed = true;
    this.emitter.removeAllListeners();
    this.log.push(`leave ${this.participantId}`);
    return new Promise((resolve) => {
      this.finishLeave = () => {
        this.log.push(`left ${this.participantId}`);
        resolve();
      };
    });
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.emitter.removeAllListeners();
    this.log.push(`close ${this.participantId}`);
  }

  consumerIdsOf(): string[] {
    return [];
  }

  async setParticipantState(input: Record<string, unknown>): Promise<void> {
    this.states.push(input);
  }

  async stats(): Promise<{ send: null; recv: null }> {
    return { send: null, recv: null };
  }

  async setConsumersPaused(): Promise<void> {}
  async produce(): Promise<void> {}
  async setTransmitting(): Promise<void> {}
  async replaceTrack(): Promise<void> {}
}

/** A VoxlayClient whose WebSocket the test drops and brings back. */
export function fakeClient() {
  const emitter = new TypedEmitter<VoxlayConnectionEvents>();
  const client = {
    client: {},
    url: 'http://a',
    connected: true,
    on: (event: keyof VoxlayConnectionEvents, listener: never) => emitter.on(event, listener),
    off: (event: keyof VoxlayConnectionEvents, listener: never) => emitter.off(event, listener),
    retarget: () => false,
    addKnownNodes: () => undefined,
  };
  return {
    client: client as unknown as VoxlayClient,
    drop: () => {
      client.connected = false;
      emitter.emit('closed', undefined);
    },
    back: () => {
      client.connected = true;
      emitter.emit('connected', true);
    },
  };
}
