import type { AudioGraph } from '../media/AudioGraph';
import type { ChannelConnection } from '../channel/ChannelConnection';
import { TypedEmitter } from '../events';
import { clampVolume, type SettingsStore } from '../settings';
import { RemoteParticipant, type RemoteStateFields } from './RemoteParticipant';
import type { ChannelEvents, ParticipantState } from '../types';
import type { MediaSource as ServerMediaSource } from '../graphql/__generated__/graphql';

/** What RemoteParticipants emits. */
export type RemoteParticipantsEvents = Pick<ChannelEvents, 'activeSpeakersChanged'> & {
  /** Something shown in the state changed (list, order, a flag, a consumer, a level). */
  changed: () => void;
};

type ParticipantInfo = {
  id: string;
  displayName: string;
  muted: boolean;
  streams?: ReadonlyArray<{ id: string; source: ServerMediaSource; viewerIds?: readonly string[] }>;
} & RemoteStateFields;

/**
 * The remote participants of the current join, in join order, with what survives a rejoin:
 * who is muted locally (by id), the deafened flag and the volumes (persisted by display name);
 * and the channel's active speaker set (last-N): every participant is listed, only those in the
 * set have a consumer. Follows one ChannelConnection at a time; emits typed events.
 */
export class RemoteParticipants {
  private readonly emitter = new TypedEmitter<RemoteParticipantsEvents>();
  private readonly map = new Map<string, RemoteParticipant>();
  private readonly locallyMutedIds = new Set<string>();
  private deafened = false;
  /** The active speaker set, most recently loud first (may hold the local participant's id). */
  private activeIds: string[] = [];
  /** Participants announced by ParticipantJoined during this join (listed after every earlier one). */
  private readonly liveIds = new Set<string>();
  /** Participants that left during this join: a page loaded later must not bring them back. */
  private readonly departedIds = new Set<string>();

  constructor(
    private readonly graph: AudioGraph,
    private readonly settings: Pick<SettingsStore, 'settings' | 'update'>,
  ) {}

  on<K extends keyof RemoteParticipantsEvents>(event: K, listener: RemoteParticipantsEvents[K]): () => void {
    return this.emitter.on(event, listener);
  }

  private changed(): void {
    this.emitter.emit('changed');
  }

  /** Starts following one join's connection (its events stop when it closes). */
  follow(connection: ChannelConnection): void {
    connection.on('participantJoined', (p) => void this.add(p, true));
    connection.on('participantLeft', (id) => this.remove(id));
    connection.on('participantsLoaded', (page) => void this.addPage(page));
    connection.on('activeSpeakersChanged', (ids) => void this.setActive(ids));
    connection.on('muteChanged', (id, muted) => this.setMuted(id, muted));
    connection.on('trackAdded', (participantId, consumerId, track) => this.attach(participantId, consumerId, track));
    connection.on('consumerClosed', (participantId, consumerId) => this.detach(participantId, consumerId));
    connection.on('participantStateChanged', (p) => this.setState(p.id, p));
    connection.on('streamStarted', (stream) => {
      if (this.map.get(stream.participantId)?.addStream(stream.id, stream.source)) this.changed();
    });
    connection.on('streamViewersChanged', (participantId, producerId, viewerIds) => {
      if (this.map.get(participantId)?.setViewers(producerId, viewerIds)) this.changed();
    });
    connection.on('streamStopped', (participantId, producerId) => {
      if (this.map.get(participantId)?.removeStream(producerId)) this.changed();
    });
  }

  /** Another participant's own state or its quality changed (ParticipantStateChanged). */
  setState(id: string, fields: RemoteStateFields): void {
    if (this.map.get(id)?.setState(fields)) this.changed();
  }

  private get volumes(): Record<string, number> {
    return this.settings.settings.participantVolumes;
  }

  get(id: string): RemoteParticipant | undefined {
    return this.map.get(id);
  }

  values(): IterableIterator<RemoteParticipant> {
    return this.map.values();
  }

  add(p: ParticipantInfo, announce: boolean): RemoteParticipant {
    const existing = this.map.get(p.id);
    if (existing) return existing;
    const remote = new RemoteParticipant(p);
    for (const stream of p.streams ?? []) remote.addStream(stream.id, stream.source, stream.viewerIds);
    remote.setVolume(this.volumes[p.displayName] ?? 1);
    remote.setLocallyMuted(this.locallyMutedIds.has(p.id));
    remote.setDeafened(this.deafened);
    remote.active = this.activeIds.includes(p.id);
    this.map.set(p.id, remote);
    if (announce) {
      this.liveIds.add(p.id);
      this.departedIds.delete(p.id);
      this.changed();
    }
    return remote;
  }

  /**
   * A page of earlier participants (large channels load them after the join): added in join order
   * before those who joined since, without announcing them; those that left meanwhile are skipped
   * and a placeholder made for an early consumer gets its name. Returns how many were added.
   */
  addPage(page: readonly ParticipantInfo[]): number {
    const volumes = this.volumes;
    let added = 0;
    const pageIds = new Set<string>();
    for (const p of page) {
      if (this.departedIds.has(p.id)) continue;
      pageIds.add(p.id);
      const existing = this.map.get(p.id);
      if (existing) {
        if (existing.displayName === '') {
          existing.displayName = p.displayName;
          existing.setVolume(volumes[p.displayName] ?? existing.volume);
        }
        continue;
      }
      this.add(p, false);
      added++;
    }
    if (added > 0) {
      // Join order: earlier participants, this page (in its order), then those announced live.
      const entries = [...this.map];
      const byId = new Map(entries);
      const earlier = entries.filter(([id]) => !pageIds.has(id) && !this.liveIds.has(id));
      const later = entries.filter(([id]) => !pageIds.has(id) && this.liveIds.has(id));
      this.map.clear();
      for (const [id, remote] of earlier) this.map.set(id, remote);
      for (const id of pageIds) this.map.set(id, byId.get(id)!);
      for (const [id, remote] of later) this.map.set(id, remote);
      this.changed();
    }
    return added;
  }

  /** The active speaker set changed (join payload or ActiveSpeakersChanged); false when it did not. */
  setActive(ids: readonly string[]): boolean {
    if (ids.length === this.activeIds.length && ids.every((id, i) => id === this.activeIds[i])) return false;
    this.activeIds = [...ids];
    const set = new Set(ids);
    for (const remote of this.map.values()) remote.active = set.has(remote.id);
    this.changed();
    this.emitter.emit('activeSpeakersChanged', [...ids]);
    return true;
  }

  /** The active speaker set, most recently loud first. */
  get activeSpeakerIds(): string[] {
    return [...this.activeIds];
  }

  remove(id: string): void {
    this.departedIds.add(id);
    this.liveIds.delete(id);
    const remote = this.map.get(id);
    if (!remote) return;
    remote.close();
    this.map.delete(id);
    this.changed();
  }

  setMuted(id: string, muted: boolean): void {
    const remote = this.map.get(id);
    if (!remote || remote.muted === muted) return;
    remote.muted = muted;
    this.changed();
  }

  attach(participantId: string, consumerId: string, track: MediaStreamTrack): void {
    const remote = this.map.get(participantId) ?? this.add({ id: participantId, displayName: '', muted: false }, false);
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

  /** A participant's playback volume (0..2), remembered by display name for the next joins. */
  setVolume(id: string, volume: number): boolean {
    const remote = this.map.get(id);
    if (!remote) return false;
    remote.setVolume(clampVolume(volume));
    if (remote.displayName) this.settings.update({ participantVolumes: { ...this.volumes, [remote.displayName]: remote.volume } });
    return true;
  }

  /** One level-loop tick for everyone; returns true when any level / speaking flag changed. */
  sample(elapsedMs: number): boolean {
    let changed = false;
    for (const remote of this.map.values()) if (remote.sample(elapsedMs)) changed = true;
    return changed;
  }

  snapshots(): ParticipantState[] {
    return [...this.map.values()].map((r) => r.snapshot());
  }

  /** Stops every playback (a rejoin builds the list and the active set again; local mutes are kept). */
  clear(): void {
    for (const remote of this.map.values()) remote.close();
    this.map.clear();
    this.liveIds.clear();
    this.departedIds.clear();
    this.activeIds = [];
  }
}
