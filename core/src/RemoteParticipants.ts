import type { AudioGraph } from './AudioGraph';
import type { ChannelConnectionHooks } from './ChannelConnection';
import type { TypedEmitter } from './events';
import { RemoteParticipant } from './RemoteParticipant';
import type { ParticipantState, VoiceSessionEvents } from './types';

export type RemoteConnectionHooks = Omit<ChannelConnectionHooks, 'interrupted' | 'failed'>;

/**
 * The remote participants of the current join, in join order, with what survives a rejoin:
 * who is muted locally (by id) and the deafened flag. Emits the session's participant events.
 */
export class RemoteParticipants {
  private readonly map = new Map<string, RemoteParticipant>();
  private readonly locallyMutedIds = new Set<string>();
  private deafened = false;

  constructor(
    private readonly graph: AudioGraph,
    private readonly emitter: TypedEmitter<VoiceSessionEvents>,
    private readonly changed: () => void,
  ) {}

  get(id: string): RemoteParticipant | undefined {
    return this.map.get(id);
  }

  values(): IterableIterator<RemoteParticipant> {
    return this.map.values();
  }

  add(p: { id: string; displayName: string; muted: boolean }, volumes: Record<string, number>, announce: boolean): RemoteParticipant {
    const existing = this.map.get(p.id);
    if (existing) return existing;
    const remote = new RemoteParticipant(p);
    remote.setVolume(volumes[p.displayName] ?? 1);
    remote.setLocallyMuted(this.locallyMutedIds.has(p.id));
    remote.setDeafened(this.deafened);
    this.map.set(p.id, remote);
    if (announce) {
      this.changed();
      this.emitter.emit('participantJoined', remote.snapshot());
    }
    return remote;
  }

  remove(id: string): void {
    const remote = this.map.get(id);
    if (!remote) return;
    remote.close();
    this.map.delete(id);
    this.changed();
    this.emitter.emit('participantLeft', id);
  }

  setMuted(id: string, muted: boolean): void {
    const remote = this.map.get(id);
    if (!remote || remote.muted === muted) return;
    remote.muted = muted;
    this.changed();
    this.emitter.emit('muteChanged', id, muted);
  }

  attach(participantId: string, consumerId: string, track: MediaStreamTrack): void {
    const remote = this.map.get(participantId) ?? this.add({ id: participantId, displayName: '', muted: false }, {}, false);
    remote.attach(consumerId, track, this.graph);
    this.changed();
  }

  detach(participantId: string, consumerId: string): void {
    const remote = this.map.get(participantId);
    if (remote?.consumerId !== consumerId) return;
    remote.detach();
    this.changed();
  }

  wantsAudio(participantId: string): boolean {
    return !this.deafened && !this.locallyMutedIds.has(participantId);
  }

  /** Ids of participants whose audio should run (not deafened, not muted locally). */
  wantedIds(): string[] {
    return [...this.map.values()].filter((r) => r.wantsAudio).map((r) => r.id);
  }

  setDeafened(deafened: boolean): void {
    this.deafened = deafened;
    for (const remote of this.map.values()) remote.setDeafened(deafened);
  }

  setLocallyMuted(id: string, muted: boolean): boolean {
    if (muted) this.locallyMutedIds.add(id);
    else this.locallyMutedIds.delete(id);
    const remote = this.map.get(id);
    remote?.setLocallyMuted(muted);
    return remote !== undefined;
  }

  /** The hooks of one join's ChannelConnection that concern remote participants; ignored once `isCurrent()` is false. */
  connectionHooks(isCurrent: () => boolean, volumes: () => Record<string, number>): RemoteConnectionHooks {
    return {
      participantJoined: (p) => isCurrent() && void this.add(p, volumes(), true),
      participantLeft: (id) => isCurrent() && this.remove(id),
      muteChanged: (id, muted) => isCurrent() && this.setMuted(id, muted),
      trackAdded: (participantId, consumerId, track) => isCurrent() && this.attach(participantId, consumerId, track),
      consumerClosed: (participantId, consumerId) => isCurrent() && this.detach(participantId, consumerId),
      wantsAudio: (participantId) => this.wantsAudio(participantId),
    };
  }

  /** One level-loop tick for everyone; returns true when any level / speaking flag changed. */
  sample(elapsedMs: number): boolean {
    let changed = false;
    for (const remote of this.map.values()) {
      const wasSpeaking = remote.speaking;
      if (remote.sample(elapsedMs)) changed = true;
      if (remote.speaking !== wasSpeaking) this.emitter.emit('speakingChanged', remote.id, remote.speaking);
    }
    return changed;
  }

  snapshots(): ParticipantState[] {
    return [...this.map.values()].map((r) => r.snapshot());
  }

  /** Stops every playback (a rejoin builds the list again; local mutes are kept). */
  clear(): void {
    for (const remote of this.map.values()) remote.close();
    this.map.clear();
  }
}
