import { mayAccessChannel, type Principal } from '../auth/access.js';
import type { Channel } from '../sfu/Channel.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';
import type { ClusterNode } from './ClusterNode.js';
import type { DirectoryEntry } from './ChannelDirectoryTypes.js';
import type { NodeInfo } from './NodeRegistryTypes.js';
import { RemoteChannel } from './RemoteChannel.js';

/**
 * The channels and nodes of the service, clustered or not (Query.channels, Query.channel,
 * Query.nodes and Channel.node answer from these).
 */

/** What the views read: this node, its channels and, clustered, its part of the cluster (AppServices has these). */
export interface ViewSources {
  node: { readonly id: string; readonly url: string };
  channels: ChannelRegistry;
  cluster?: ClusterNode | undefined;
}

/** A channel of the service: hosted here (Channel), or on another node (RemoteChannel). */
export type ChannelView = Channel | RemoteChannel;

/** A server process of the service. */
export interface NodeView {
  id: string;
  url: string;
  self: boolean;
  alive: boolean;
  channelCount: number;
  participantCount: number;
  participantCapacity: number;
  acceptingJoins: boolean;
}

/** This node as a Node. */
export function selfNode(services: ViewSources): NodeView {
  const cluster = services.cluster;
  const channels = cluster ? cluster.hostedChannels() : services.channels.list();
  return {
    id: services.node.id,
    url: services.node.url,
    self: true,
    alive: !services.channels.closed,
    channelCount: channels.length,
    participantCount: channels.reduce((sum, channel) => sum + channel.participantCount, 0),
    participantCapacity: services.channels.capacity.maxParticipants,
    acceptingJoins: !services.channels.closed && services.channels.capacity.acceptingJoins,
  };
}

function toNodeView(info: NodeInfo, services: ViewSources): NodeView {
  if (info.id === services.node.id) return selfNode(services);
  const { id, url, alive, channelCount, participantCount, participantCapacity } = info;
  return { id, url, alive, self: false, channelCount, participantCount, participantCapacity, acceptingJoins: alive && info.acceptingJoins };
}

/** Query.nodes: the live nodes (just this one when not clustered). */
export async function listNodes(services: ViewSources): Promise<NodeView[]> {
  const cluster = services.cluster;
  if (!cluster) return [selfNode(services)];
  const live = await cluster.nodes.list();
  const nodes = live.map((info) => toNodeView(info, services));
  if (!nodes.some((node) => node.self)) nodes.unshift(selfNode(services));
  return nodes;
}

/** Channel.node. */
export function nodeOf(channel: ChannelView, services: ViewSources): NodeView {
  if (!(channel instanceof RemoteChannel)) return selfNode(services);
  const info = channel.node;
  if (!info)
    return {
      id: '',
      url: '',
      self: false,
      alive: false,
      channelCount: 0,
      participantCount: 0,
      participantCapacity: 0,
      acceptingJoins: false,
    };
  return toNodeView(info, services);
}

/** The model of a directory entry: the local Channel when hosted here, else a RemoteChannel with its participants. */
async function toModels(cluster: ClusterNode, services: ViewSources, entries: readonly DirectoryEntry[]): Promise<ChannelView[]> {
  const remote = entries.filter((entry) => !(entry.host === cluster.nodeId && cluster.isHosted(entry.record.id)));
  const hostIds = [...new Set(remote.map((entry) => entry.host).filter((host): host is string => host !== null))];
  const [participants, hosts] = await Promise.all([
    cluster.directory.participants(remote.map((entry) => entry.record.id)),
    Promise.all(hostIds.map(async (id) => [id, await cluster.nodes.get(id)] as const)),
  ]);
  const nodeById = new Map(hosts);
  return entries.map((entry): ChannelView => {
    const local: Channel | undefined =
      entry.host === cluster.nodeId && cluster.isHosted(entry.record.id) ? services.channels.get(entry.record.id) : undefined;
    if (local) return local;
    const node = entry.host === null ? undefined : nodeById.get(entry.host);
    return new RemoteChannel(entry.record, node, participants.get(entry.record.id) ?? []);
  });
}

/** Query.channels: every channel of the service the principal may see, the default one first. */
export async function listChannels(services: ViewSources, principal: Principal): Promise<ChannelView[]> {
  const cluster = services.cluster;
  const channels = cluster ? await toModels(cluster, services, await cluster.directory.list()) : services.channels.list();
  return channels.filter((channel) => mayAccessChannel(principal, channel));
}

/** Query.channel and channelEvents: one channel of the service, wherever it is hosted. */
export async function findChannel(services: ViewSources, id: string): Promise<ChannelView | undefined> {
  const cluster = services.cluster;
  if (!cluster) return services.channels.get(id);
  const entry = await cluster.directory.get(id);
  if (!entry) return undefined;
  const [model] = await toModels(cluster, services, [entry]);
  return model;
}
