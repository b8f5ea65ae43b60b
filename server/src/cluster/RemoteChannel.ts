import type { ChannelRecord, ParticipantRecord } from './ChannelDirectoryTypes.js';
import type { NodeInfo } from './NodeRegistryTypes.js';
import { RemoteParticipant } from './RemoteParticipant.js';

/**
 * A channel hosted on another node (or orphaned, waiting for a node to claim it): what any node
 * can answer about it from the directory. Operator fields answer WRONG_NODE (see hostedChannel.ts).
 */
export class RemoteChannel {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
  readonly createdAt: Date;
  readonly lastN: number;
  /** Who created it, as far as the directory knows (the identity, not the address). */
  readonly createdBy: { readonly subject: string | null } | null;
  /** The hosting node's id; null while nobody hosts it. */
  readonly nodeId: string | null;
  /** The hosting node as last seen (alive false once its heartbeat expired); undefined while nobody hosts it. */
  readonly node: NodeInfo | undefined;
  readonly participants: RemoteParticipant[];
  /** Not replicated: the active speaker set is known on the hosting node only. */
  readonly activeSpeakerIds: string[] = [];

  constructor(record: ChannelRecord, node: NodeInfo | undefined, participants: readonly ParticipantRecord[]) {
    this.id = record.id;
    this.name = record.name;
    this.isDefault = record.isDefault;
    this.createdAt = new Date(record.createdAt);
    this.lastN = record.lastN;
    this.createdBy = record.createdBy ?? null;
    this.nodeId = node?.id ?? null;
    this.node = node;
    this.participants = participants.map((participant) => new RemoteParticipant(participant));
  }

  get participantCount(): number {
    return this.participants.length;
  }

  participant(id: string): RemoteParticipant | undefined {
    return this.participants.find((participant) => participant.id === id);
  }
}
