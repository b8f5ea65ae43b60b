// Names over real GraphQL (graphql-ws, a real mediasoup worker): createChannel and joinChannel with
// the names of issue 12 — look-alikes of the default channel, invisible and bidi characters, emoji,
// lengths in user-perceived characters — answer clear codes and create nothing when refused.
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelsDocument, CreateChannelDocument, JoinChannelDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';

describe('names people can trust', () => {
  let app: VoxlayApp;
  let client: TestClient;
  let lobbyId: string;

  /** The first error of a createChannel that must fail. */
  const createError = async (name: string): Promise<GraphQLFormattedError> => {
    const result = await client.request(CreateChannelDocument, { name });
    expect(result.data?.createChannel, `created ${JSON.stringify(name)}`).toBeUndefined();
    return result.errors![0]!;
  };
  const channelNames = async (): Promise<string[]> => (await client.data(ChannelsDocument, {})).channels.map((channel) => channel.name);

  beforeAll(async () => {
    app = await startTestApp();
    client = new TestClient(app.url);
    lobbyId = app.channels.defaultChannel.id;
  });

  afterAll(async () => {
    await client?.close();
    await app?.stop();
  });

  it('refuses channels that look like the default Lobby with NAME_TAKEN naming it', async () => {
    for (const name of ['Lobby', 'LOBBY', 'lobby', 'L\u043ebby', 'L\u041eBBY', 'Ｌｏｂｂｙ', '  Lobby  ']) {
      const error = await createError(name);
      expect(error.extensions, name).toMatchObject({ code: 'NAME_TAKEN', channelId: lobbyId, channelName: 'Lobby' });
    }
    const cyrillic = await createError('L\u043ebby');
    expect(cyrillic.message).toBe(`a channel name "L\u043ebby" looks the same as the existing channel "Lobby" (${lobbyId})`);
    expect(await channelNames()).toEqual(['Lobby']);
  });

  it('refuses invisible, blank and bidi-override names with BAD_USER_INPUT saying which character', async () => {
    const cases: Array<[string, { reason: string; codePoint?: string }, string]> = [
      ['Lob\u200bby', { reason: 'invisible', codePoint: 'U+200B' }, 'channel name contains U+200B ZERO WIDTH SPACE'],
      ['\u200b', { reason: 'blank', codePoint: 'U+200B' }, 'channel name is blank'],
      ['\u3164', { reason: 'blank', codePoint: 'U+3164' }, 'channel name is blank'],
      ['   ', { reason: 'blank' }, 'channel name is blank'],
      ['Lob\u3164by', { reason: 'invisible', codePoint: 'U+3164' }, 'U+3164 HANGUL FILLER'],
      ['Standup\u202ebnl.exe', { reason: 'bidi-control', codePoint: 'U+202E' }, 'U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control'],
      ['Team\u2067A', { reason: 'bidi-control', codePoint: 'U+2067' }, 'U+2067'],
      ['bell\u0007', { reason: 'control', codePoint: 'U+0007' }, 'U+0007, a control character'],
      ['x'.repeat(65), { reason: 'too-long' }, 'channel name is 65 characters long; at most 64'],
      ['Z\u0351\u0357\u0346\u0300\u0352\u0310algo', { reason: 'too-many-marks' }, 'combining marks'],
    ];
    for (const [name, extensions, message] of cases) {
      const error = await createError(name);
      expect(error.extensions, JSON.stringify(name)).toEqual({ code: 'BAD_USER_INPUT', ...extensions });
      expect(error.message).toContain(message);
    }
    expect(await channelNames()).toEqual(['Lobby']);
  });

  it('creates a channel of 33 emoji, and one of 64 characters, stored normalised', async () => {
    const emoji = '😀'.repeat(33);
    expect((await client.data(CreateChannelDocument, { name: emoji })).createChannel.name).toBe(emoji);
    const family = 'Family 👩‍👩‍👧 ❤️';
    expect((await client.data(CreateChannelDocument, { name: family })).createChannel.name).toBe(family);
    const long = 'é'.normalize('NFD').repeat(64);
    expect((await client.data(CreateChannelDocument, { name: long })).createChannel.name).toBe('é'.repeat(64));
    expect((await client.data(CreateChannelDocument, { name: 'Ｒａｉｄ\tnight ' })).createChannel.name).toBe('Raid night');
    expect(await channelNames()).toEqual(['Lobby', emoji, family, 'é'.repeat(64), 'Raid night']);
    // Look-alikes of created channels are taken too.
    expect((await createError('RAID NIGHT')).extensions).toMatchObject({ code: 'NAME_TAKEN', channelName: 'Raid night' });
    expect((await createError('R\u0430id night')).extensions).toMatchObject({ code: 'NAME_TAKEN', channelName: 'Raid night' });
  });

  it('creates only one of several look-alike names sent at once', async () => {
    const results = await Promise.all(
      ['Standup', 'STANDUP', 'St\u0430ndup', '\u0405tandup'].map((name) => client.request(CreateChannelDocument, { name })),
    );
    expect(results.filter((result) => result.data?.createChannel)).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions?.code === 'NAME_TAKEN')).toHaveLength(3);
    expect((await channelNames()).filter((name) => name.toLowerCase().endsWith('tandup'))).toHaveLength(1);
  });

  it('refuses display names the same way at joinChannel, creating no participant', async () => {
    for (const [displayName, reason] of [
      ['Dana\u202e', 'bidi-control'],
      ['\u3164', 'blank'],
      ['\u200b\u200b', 'blank'],
      ['Da\u200bna', 'invisible'],
      ['y'.repeat(65), 'too-long'],
    ] as const) {
      const result = await client.request(JoinChannelDocument, { input: { channelId: lobbyId, displayName } });
      expect(result.errors?.[0]?.extensions, JSON.stringify(displayName)).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      expect(result.errors?.[0]?.message).toMatch(/^displayName /);
    }
    expect(app.channels.participantCount).toBe(0);
    // The connection holds nothing: it can still join, with 33 emoji as its (normalised) name.
    const emoji = ` ${'😀'.repeat(33)}  `;
    const { joinChannel } = await client.data(JoinChannelDocument, { input: { channelId: lobbyId, displayName: emoji } });
    expect(joinChannel.participant.displayName).toBe('😀'.repeat(33));
    expect(app.channels.participantCount).toBe(1);
  });
});
