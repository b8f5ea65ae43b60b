// The video bitrate a channel carries over the real app (GraphQL-only participants, no browser): each
// stream counts with what its encodings declare, up to the per-stream cap, and a stream beyond the
// channel's budget is refused with LIMIT_EXCEEDED until another stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseProducerDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { TestParticipants } from '@voxlay/testing/participants';
import { startTestApp } from '@voxlay/testing/server';
import { waitFor } from '@voxlay/testing/wait';
import { channelOf } from './helpers/channel-state.js';
import { ProduceSourceDocument, produceError, vp8RtpParameters } from './helpers/video.js';

const STREAM_BITRATE = 1_000_000;
const VIDEO_BITRATE = 1_500_000;

describe('video: the bitrate a channel carries', () => {
  let smallApp: VoxlayApp;
  let small: TestParticipants;

  beforeAll(async () => {
    smallApp = await startTestApp({ maxStreamBitrate: STREAM_BITRATE, maxVideoBitratePerChannel: VIDEO_BITRATE });
    small = new TestParticipants(smallApp);
  });

  afterAll(async () => {
    await small?.closeAll();
    await smallApp?.stop();
  });

  it("refuses a stream beyond the channel's video bitrate with LIMIT_EXCEEDED videoBitratePerChannel, counting declared encodings up to the per-stream cap", async () => {
    const alice = await small.join('Alice');
    const bob = await small.join('Bob');
    const declaring = (mid: string, maxBitrate: number) => {
      const parameters = vp8RtpParameters(mid);
      for (const encoding of parameters.encodings ?? []) encoding.maxBitrate = maxBitrate;
      return parameters;
    };
    // A camera declaring 10 Mbps counts for the per-stream cap only (its transport lets no more through).
    const camera = await alice.client.data(ProduceSourceDocument, {
      input: { transportId: alice.joined.sendTransport.id, kind: 'VIDEO', source: 'CAMERA', rtpParameters: declaring('1', 10_000_000) },
    });
    expect(channelOf(smallApp, small.lobby).videoBitrate).toBe(STREAM_BITRATE);
    expect(
      (await channelOf(smallApp, small.lobby).participant(alice.joined.participant.id)!.sendTransport.getStats())[0]?.maxIncomingBitrate,
    ).toBeGreaterThanOrEqual(STREAM_BITRATE);
    // What is left does not take a stream declaring nothing (counted at the cap)...
    expect(await produceError(bob, { kind: 'VIDEO', source: 'SCREEN', rtpParameters: vp8RtpParameters('2') })).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'videoBitratePerChannel',
      max: VIDEO_BITRATE,
    });
    // ...but takes one declaring what fits, and gives the room back when it stops.
    await bob.client.data(ProduceSourceDocument, {
      input: { transportId: bob.joined.sendTransport.id, kind: 'VIDEO', source: 'SCREEN', rtpParameters: declaring('2', 400_000) },
    });
    expect(channelOf(smallApp, small.lobby).videoBitrate).toBe(STREAM_BITRATE + 400_000);
    await alice.client.data(CloseProducerDocument, { producerId: camera.produce.id });
    await waitFor(
      () => channelOf(smallApp, small.lobby).videoBitrate,
      (bitrate) => bitrate === 400_000,
      { message: 'bitrate given back' },
    );
  });
});
