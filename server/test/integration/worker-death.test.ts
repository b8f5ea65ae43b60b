import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { sleep } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { joinMember, produceAudio, waitForEvent } from '@voxlay/testing/session';

describe('a mediasoup worker that dies', () => {
  let app: VoxlayApp;
  let caps: unknown;

  beforeAll(async () => {
    app = await startTestApp();
    caps = app.channels.defaultChannel.rtpCapabilities;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('is replaced at the same index, interrupts its channels, and the channel takes new joins', async () => {
    const lobby = app.channels.defaultChannel.id;
    const ann = await joinMember(app, lobby, 'Ann', caps);
    await produceAudio(ann);
    const oldPid = app.pool.workers[0]!.pid;
    const oldRouterId = app.channels.defaultChannel.router.id;

    process.kill(oldPid, 'SIGKILL');

    const interrupted = await waitForEvent(ann, 'ChannelInterrupted');
    expect(interrupted.channelId).toBe(lobby);
    expect(interrupted.message).toMatch(/worker/);
    await ann.events.waitForCompletion();

    for (let i = 0; i < 100 && (app.pool.aliveCount < 1 || app.channels.defaultChannel.router.id === oldRouterId); i++) await sleep(50);
    const worker = app.pool.workers[0]!;
    expect(worker.index).toBe(0);
    expect(worker.pid).not.toBe(oldPid);
    expect(worker.alive).toBe(true);
    expect(app.channels.defaultChannel.router.id).not.toBe(oldRouterId);
    expect(app.channels.defaultChannel.worker).toBe(worker);
    expect(app.channels.defaultChannel.participantCount).toBe(0);

    const bob = await joinMember(app, lobby, 'Bob', caps);
    expect(bob.joined.channel.participantCount).toBe(1);
    await produceAudio(bob);
    const { health } = await bob.client.data(HealthDocument, {});
    expect(health).toMatchObject({ ok: true, workersAlive: 1 });
    await Promise.all([ann.client.close(), bob.client.close()]);
  });
});
