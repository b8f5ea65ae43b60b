import { createVoxlayClient } from '@voxlay/core/client';
import { ChannelsDocument, type ChannelsQuery } from '@voxlay/core/graphql';
import { Signaling } from '@voxlay/core/signaling';

export type ChannelSummary = ChannelsQuery['channels'][number];

/** The server's channel list (one HTTP query; the client is closed right after). */
export async function listChannels(serverUrl: string): Promise<ChannelSummary[]> {
  const voxlay = createVoxlayClient({ url: serverUrl });
  try {
    const data = await new Signaling(voxlay.client).query(ChannelsDocument, {});
    return data.channels;
  } finally {
    voxlay.close();
  }
}
