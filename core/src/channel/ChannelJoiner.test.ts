import { describe, expect, it } from 'vitest';
import type { ChannelConnection } from './ChannelConnection';
import { ChannelJoiner, DEFAULT_JOIN_LIMITS, type JoinerClient, type JoinRequest } from './ChannelJoiner';
import { ErrorCode, VoxlayError } from '../errors';
import type { Signaling } from '../signaling/Signaling';

/** A client whose WebSocket "connects" as soon as it is retargeted; records the moves. */
function fakeClient(url = 'http://a') {
  const moves: string[] = [];
  const client: JoinerClient = {
    client: {} as JoinerClient['client'],
    addKnownNodes: () => undefined,
    url,
    connected: true,
    on: () => () => undefined,
    retarget: (next) => {
      if (!/^https?:/.test(next)) throw new TypeError('bad url');
      moves.push(next);
      (client as { url: string }).url = next;
      return true;
    },
  };
  return { client, moves };
}

const wrongNode = (nodeUrl: unknown) => new VoxlayError(ErrorCode.WRONG_NODE, 'elsewhere', { extensions: { code: 'WRONG_NODE', nodeUrl } });
const unavailable = (retryAfterMs: unknown) =>
  new VoxlayError(ErrorCode.UNAVAILABLE, 'moving', { extensions: { code: 'UNAVAILABLE', retryAfterMs } });

function setup(answers: Array<(channelId: string, url: string) => string | VoxlayError>, options: { byName?: string | null } = {}) {
  const { client, moves } = fakeClient();
  const sleeps: number[] = [];
  const calls: string[] = [];
  let i = 0;
  /** The "connection" of a successful join is the answer's text here. */
  const open = async (_request: JoinRequest, channelId: string): Promise<ChannelConnection> => {
    calls.push(`${client.url} ${channelId}`);
    const answer = answers[Math.min(i++, answers.length - 1)]!(channelId, client.url);
    if (answer instanceof VoxlayError) throw answer;
    return answer as unknown as ChannelConnection;
  };
  const joiner = new ChannelJoiner(
    client,
    {} as Signaling,
    {},
    {
      open,
      findChannelByName: async () => options.byName ?? null,
      sleep: async (ms) => void sleeps.push(ms),
    },
  );
  const controller = new AbortController();
  const join = (channelId: string, channelName: string | null) =>
    joiner.join(
      { channelId, channelName, displayName: 'me', audio: { wantsAudio: () => true }, listen: () => undefined },
      controller.signal,
    );
  return { joiner, join, controller, moves, sleeps, calls };
}

describe('ChannelJoiner', () => {
  it('follows WRONG_NODE to the node it names and sends the same join there', async () => {
    const { join, moves, calls } = setup([() => wrongNode('http://b/'), (_id, url) => `joined on ${url}`]);
    const r = await join('ch', null);
    expect(r).toEqual({ connection: 'joined on http://b/', channelId: 'ch' });
    expect(moves).toEqual(['http://b/']);
    expect(calls).toEqual(['http://a ch', 'http://b/ ch']);
  });

  it('follows at most 3 redirects, then fails with the WRONG_NODE error', async () => {
    const { join, moves } = setup([(_id, url) => wrongNode(url === 'http://b' ? 'http://c' : 'http://b')]);
    await expect(join('ch', null)).rejects.toMatchObject({ code: ErrorCode.WRONG_NODE });
    expect(moves).toEqual(['http://b', 'http://c', 'http://b']);
  });

  it('fails on a WRONG_NODE without a usable nodeUrl instead of guessing', async () => {
    for (const nodeUrl of [undefined, 42, 'ftp://x']) {
      const { join, moves } = setup([() => wrongNode(nodeUrl)]);
      await expect(join('ch', null)).rejects.toMatchObject({ code: ErrorCode.WRONG_NODE });
      expect(moves).toEqual([]);
    }
  });

  it('waits out UNAVAILABLE for retryAfterMs (clamped), then joins', async () => {
    const { join, sleeps } = setup([() => unavailable(300), () => unavailable(60_000), () => unavailable('soon'), () => 'ok']);
    const r = await join('ch', null);
    expect(r.connection).toBe('ok');
    expect(sleeps).toEqual([300, DEFAULT_JOIN_LIMITS.maxRetryAfterMs, 500]);
  });

  it('gives up after maxUnavailableRetries', async () => {
    const { join, sleeps } = setup([() => unavailable(100)]);
    await expect(join('ch', null)).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
    expect(sleeps).toHaveLength(DEFAULT_JOIN_LIMITS.maxUnavailableRetries);
  });

  it('stops as soon as the attempt is aborted (leave() while waiting)', async () => {
    let abort = (): void => undefined;
    const { join, calls, controller } = setup([
      () => {
        abort();
        return unavailable(100);
      },
    ]);
    abort = () => controller.abort();
    await expect(join('ch', null)).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
    expect(calls).toHaveLength(1);
  });

  it('on a rejoin whose channel id is gone, joins the channel of the same name once', async () => {
    const notFound = new VoxlayError(ErrorCode.NOT_FOUND, 'no such channel');
    const { join, calls } = setup([(id) => (id === 'old' ? notFound : `joined ${id}`)], { byName: 'new' });
    const r = await join('old', 'Lobby');
    expect(r).toEqual({ connection: 'joined new', channelId: 'new' });
    expect(calls).toEqual(['http://a old', 'http://a new']);
  });

  it('does not look a first join up by name, and passes other errors through', async () => {
    const notFound = new VoxlayError(ErrorCode.NOT_FOUND, 'no such channel');
    const first = setup([() => notFound], { byName: 'other' });
    await expect(first.join('x', null)).rejects.toBe(notFound);
    const full = new VoxlayError(ErrorCode.CHANNEL_FULL, 'full');
    const other = setup([() => full]);
    await expect(other.join('x', 'X')).rejects.toBe(full);
    expect(other.calls).toHaveLength(1);
  });
});
