// Media ports: each worker's WebRtcServer listens on one UDP and one TCP port (VOXLAY_RTC_PORT + i)
// that every transport of the worker shares, however many join; a worker killed is replaced on the
// same ports; stopping frees them; a port already taken stops the server at start, clearly.
import { createSocket, type Socket } from 'node:dgram';
import { observer, type types } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { RtcPortError } from '../../src/sfu/PoolWorker.js';
import { defined, waitFor } from '@voxlay/testing/wait';
import { startTestApp } from '@voxlay/testing/server';
import { joinMember, type Member } from '@voxlay/testing/session';
import { freePortBase, portIsFree } from '@voxlay/testing/ports';
import { listeningPorts } from '@voxlay/testing/sockets';

type Candidate = { protocol: string; port: number; address: string };

/** The ports in a transport's ICE candidates, by protocol. */
function candidatePorts(candidates: unknown): { udp: number[]; tcp: number[] } {
  const list = candidates as Candidate[];
  return {
    udp: list.filter((c) => c.protocol === 'udp').map((c) => c.port),
    tcp: list.filter((c) => c.protocol === 'tcp').map((c) => c.port),
  };
}

describe('WebRTC media ports (one WebRtcServer per worker)', () => {
  let app: VoxlayApp | undefined;
  const members: Member[] = [];

  afterEach(async () => {
    await Promise.all(members.splice(0).map((m) => m.client.close()));
    await app?.stop();
    app = undefined;
  });

  async function joinMany(count: number, channelId: string, caps: unknown): Promise<Member[]> {
    const joined = await Promise.all(Array.from({ length: count }, (_, i) => joinMember(app!, channelId, `m${members.length + i}`, caps)));
    members.push(...joined);
    return joined;
  }

  it('worker i listens on UDP and TCP port base + i, and only there, however many transports it holds', async () => {
    const base = await freePortBase(2);
    app = await startTestApp({ numWorkers: 2, rtcPort: base, maxParticipantsPerRouter: 10 });
    expect(app.pool.ports).toEqual([
      { udp: base, tcp: base },
      { udp: base + 1, tcp: base + 1 },
    ]);
    const caps = app.channels.defaultChannel.rtpCapabilities;

    // 30 participants: 60 transports over three routers on both workers (10 per router).
    const lobby = app.channels.defaultChannel.id;
    const joined = await joinMany(30, lobby, caps);
    const routers = app.channels.defaultChannel.routers;
    expect(new Set(routers.map((router) => router.worker.index))).toEqual(new Set([0, 1]));
    for (const member of joined) {
      const participant = app.channels.defaultChannel.participant(member.joined.participant.id)!;
      const worker = app.channels.defaultChannel.routerOf(participant)!.worker;
      // Both transports announce the worker's two ports, nothing else.
      for (const transport of [member.joined.sendTransport, member.joined.recvTransport]) {
        expect(candidatePorts(transport.iceCandidates)).toEqual({ udp: [worker.udpPort], tcp: [worker.tcpPort] });
      }
    }
    for (const worker of app.pool.workers) {
      // What the kernel says the worker process holds: its one UDP port and one listening TCP port
      // (the pipes between routers bind loopback ports of their own, outside the media ports).
      const held = listeningPorts(worker.pid);
      expect(held.tcp).toEqual([base + worker.index]);
      expect(held.udp).toContain(base + worker.index);
      expect(held.udp.filter((port) => port >= base && port < base + 2)).toEqual([base + worker.index]);
      const dump = await worker.webRtcServer.dump();
      expect(dump.webRtcTransportIds).toHaveLength(worker.webRtcTransportCount);
    }
    expect(app.pool.workers.reduce((sum, worker) => sum + worker.webRtcTransportCount, 0)).toBe(60);

    // Leaving frees the transports from the servers; the ports stay, held by the workers.
    await Promise.all(members.splice(0).map((m) => m.client.close()));
    await whenTrue('the participants closed', () => app!.channels.participantCount === 0, 10_000);
    for (const worker of app.pool.workers) expect((await worker.webRtcServer.dump()).webRtcTransportIds).toEqual([]);

    // Stopping the server frees both ports of both workers.
    const pids = app.pool.workers.map((worker) => worker.pid);
    await app.stop();
    app = undefined;
    await whenTrue('the workers exited', () => pids.every((pid) => !isAlive(pid)), 10_000);
    for (const port of [base, base + 1]) expect(await portIsFree(port)).toBe(true);
  });

  it('with rtcPort 0, takes free ports, and a worker killed comes back on the same ports and serves joins', async () => {
    app = await startTestApp({ rtcPort: 0 });
    const before = app.pool.workers[0]!;
    const ports = { ...before.ports };
    expect(ports.udp).toBeGreaterThan(0);
    expect(ports.tcp).toBeGreaterThan(0);
    const caps = app.channels.defaultChannel.rtpCapabilities;
    const lobby = app.channels.defaultChannel.id;
    await joinMany(2, lobby, caps);

    process.kill(before.pid, 'SIGKILL');
    await whenTrue('the replacement worker', () => app!.pool.aliveCount === 1 && app!.pool.workers[0]!.pid !== before.pid, 10_000);
    const after = app.pool.workers[0]!;
    expect(after.ports).toEqual(ports);
    expect(listeningPorts(after.pid)).toMatchObject({ tcp: [ports.tcp] });
    expect(listeningPorts(after.pid).udp).toContain(ports.udp);

    // The channel moved to the new worker; a new join gets transports on the same two ports.
    await whenTrue('the channel on the new worker', () => app!.channels.defaultChannel.worker === after, 10_000);
    const [fresh] = await joinMany(1, lobby, caps);
    for (const transport of [fresh!.joined.sendTransport, fresh!.joined.recvTransport]) {
      expect(candidatePorts(transport.iceCandidates)).toEqual({ udp: [ports.udp], tcp: [ports.tcp] });
    }
    expect(after.webRtcTransportCount).toBe(2);
  });

  it('stops at start with RtcPortError naming the port when another process holds it, and leaves no worker running', async () => {
    const base = await freePortBase(2);
    const squatter: Socket = createSocket('udp4');
    await new Promise<void>((resolve) => squatter.bind(base + 1, '127.0.0.1', resolve));
    const workers: types.Worker[] = [];
    const onWorker = (worker: types.Worker) => workers.push(worker);
    observer.on('newworker', onWorker);
    try {
      const started = startTestApp({ numWorkers: 2, rtcPort: base });
      await expect(started).rejects.toThrow(RtcPortError);
      await expect(started).rejects.toThrow(
        new RegExp(`worker 1 cannot listen.*UDP port ${base + 1}.*address already in use.*VOXLAY_RTC_PORT`),
      );
    } finally {
      observer.off('newworker', onWorker);
      squatter.close();
    }
    expect(workers).toHaveLength(2);
    await whenTrue('both workers gone', () => workers.every((worker) => worker.closed && !isAlive(worker.pid)), 10_000);
    // Worker 0 had bound base; it released it with the failed start.
    expect(await portIsFree(base)).toBe(true);
  });
});

/** Polls `condition` until it holds (bounded by `timeoutMs`). */
const whenTrue = (what: string, condition: () => boolean, timeoutMs: number): Promise<true> =>
  waitFor(async () => (condition() ? true : undefined), defined, { message: what, timeoutMs });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
