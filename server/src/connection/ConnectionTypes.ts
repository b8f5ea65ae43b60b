import type { Logger } from 'pino';
import type { Principal } from '../auth/access.js';
import type { ClientLimits } from '../limits/ClientLimits.js';
import type { ClientAddress } from '../limits/ClientLimitsTypes.js';
import type { ChannelRegistry } from '../sfu/ChannelRegistry.js';

export interface ConnectionOptions {
  registry: ChannelRegistry;
  disconnectGraceMs: number;
  logger: Logger;
  /** Who opened the connection (token mode: the verified token); open mode when absent. */
  principal?: Principal | undefined;
  /** Mutation rate limit of this connection (token bucket); 30/s, burst 60 when absent. */
  mutationRatePerSecond?: number | undefined;
  mutationBurst?: number | undefined;
  /** Where the connection comes from (its upgrade request, through trusted proxies); unknown when absent. */
  address?: ClientAddress | undefined;
  /** The limits shared with the client's other connections (joins per address and identity); none when absent. */
  limits?: ClientLimits | undefined;
}

/** What joinChannel asks for (its input, unchecked: join() parses the name and the capabilities). */
export interface JoinRequest {
  channelId: string;
  displayName: string;
  rtpCapabilities?: unknown;
}
