import { createVoxlayClient } from '../../core/src/createVoxlayClient';
import { ChannelsDocument, type ChannelsQuery } from '../../core/src/graphql/__generated__/graphql';
import { Signaling } from '../../core/src/signaling/Signaling';

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
