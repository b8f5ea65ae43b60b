import { describe, expect, it } from 'vitest';
import { ChannelJoiner, DEFAULT_JOIN_LIMITS, type JoinerClient } from './ChannelJoiner';
import { ErrorCode, VoxlayError } from './errors';

/** A client whose WebSocket "connects" as soon as it is retargeted; records the moves. */
function fakeClient(url = 'http://a') {
  const moves: string[] = [];
  const client: JoinerClient = {
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
const unavailable = (retryAfterMs: unknown) => new VoxlayError(ErrorCode.UNAVAILABLE, 'moving', { extensions: { code: 'UNAVAILABLE', retryAfterMs } });

function setup(answers: Array<(channelId: string, url: string) => string | VoxlayError>, options: { byName?: string | null } = {}) {
  const { client, moves } = fakeClient();
  const sleeps: number[] = [];
  const calls: string[] = [];
  const joiner = new ChannelJoiner<string>(
    client,
    async () => options.byName ?? null,
    DEFAULT_JOIN_LIMITS,
    async (ms) => void sleeps.push(ms),
  );
  let i = 0;
  const open = async (channelId: string): Promise<string> => {
    calls.push(`${client.url} ${channelId}`);
    const answer = answers[Math.min(i++, answers.length - 1)]!(channelId, client.url);
    if (answer instanceof VoxlayError) throw answer;
    return answer;
  };
  return { joiner, open, moves, sleeps, calls };
}

describe('ChannelJoiner', () => {
  it('follows WRONG_NODE to the node it names and sends the same join there', async () => {
    const { joiner, open, moves, calls } = setup([() => wrongNode('http://b/'), (_id, url) => `joined on ${url}`]);
    const r = await joiner.join({ channelId: 'ch', channelName: null, isCurrent: () => true, open });
    expect(r).toEqual({ result: 'joined on http://b/', channelId: 'ch' });
    expect(moves).toEqual(['http://b/']);
    expect(calls).toEqual(['http://a ch', 'http://b/ ch']);
  });

  it('follows at most 3 redirects, then fails with the WRONG_NODE error', async () => {
    const { joiner, open, moves } = setup([(_id, url) => wrongNode(url === 'http://b' ? 'http://c' : 'http://b')]);
    await expect(joiner.join({ channelId: 'ch', channelName: null, isCurrent: () => true, open })).rejects.toMatchObject({ code: ErrorCode.WRONG_NODE });
    expect(moves).toEqual(['http://b', 'http://c', 'http://b']);
  });

  it('fails on a WRONG_NODE without a usable nodeUrl instead of guessing', async () => {
    for (const nodeUrl of [undefined, 42, 'ftp://x']) {
      const { joiner, open, moves } = setup([() => wrongNode(nodeUrl)]);
      await expect(joiner.join({ channelId: 'ch', channelName: null, isCurrent: () => true, open })).rejects.toMatchObject({ code: ErrorCode.WRONG_NODE });
      expect(moves).toEqual([]);
    }
  });

  it('waits out UNAVAILABLE for retryAfterMs (clamped), then joins', async () => {
    const { joiner, open, sleeps } = setup([() => unavailable(300), () => unavailable(60_000), () => unavailable('soon'), () => 'ok']);
    const r = await joiner.join({ channelId: 'ch', channelName: null, isCurrent: () => true, open });
    expect(r.result).toBe('ok');
    expect(sleeps).toEqual([300, DEFAULT_JOIN_LIMITS.maxRetryAfterMs, 500]);
  });

  it('gives up after maxUnavailableRetries', async () => {
    const { joiner, open, sleeps } = setup([() => unavailable(100)]);
    await expect(joiner.join({ channelId: 'ch', channelName: null, isCurrent: () => true, open })).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
    expect(sleeps).toHaveLength(DEFAULT_JOIN_LIMITS.maxUnavailableRetries);
  });

  it('stops as soon as the join is no longer current (leave() while waiting)', async () => {
    let current = true;
    const { joiner, open, calls } = setup([() => ((current = false), unavailable(100))]);
    await expect(joiner.join({ channelId: 'ch', channelName: null, isCurrent: () => current, open })).rejects.toMatchObject({ code: ErrorCode.UNAVAILABLE });
    expect(calls).toHaveLength(1);
  });

  it('on a rejoin whose channel id is gone, joins the channel of the same name once', async () => {
    const notFound = new VoxlayError(ErrorCode.NOT_FOUND, 'no such channel');
    const { joiner, open, calls } = setup([(id) => (id === 'old' ? notFound : `joined ${id}`)], { byName: 'new' });
    const r = await joiner.join({ channelId: 'old', channelName: 'Lobby', isCurrent: () => true, open });
    expect(r).toEqual({ result: 'joined new', channelId: 'new' });
    expect(calls).toEqual(['http://a old', 'http://a new']);
  });

  it('does not look a first join up by name, and passes other errors through', async () => {
    const notFound = new VoxlayError(ErrorCode.NOT_FOUND, 'no such channel');
    const first = setup([() => notFound], { byName: 'other' });
    await expect(first.joiner.join({ channelId: 'x', channelName: null, isCurrent: () => true, open: first.open })).rejects.toBe(notFound);
    const full = new VoxlayError(ErrorCode.CHANNEL_FULL, 'full');
    const other = setup([() => full]);
    await expect(other.joiner.join({ channelId: 'x', channelName: 'X', isCurrent: () => true, open: other.open })).rejects.toBe(full);
    expect(other.calls).toHaveLength(1);
  });
});
