// How a participant takes part, as the channel sees it: setParticipantState (deafened, listen-only,
// voice mode, self-muted) reaches everybody as ParticipantStateChanged and shows on Participant;
// producing clears listen-only by itself; bad input gets BAD_USER_INPUT, HTTP gets NO_SESSION.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChannelEventsDocument, SetParticipantStateDocument } from '../../../core/src/graphql/__generated__/graphql.js';
import type { VoxlayApp } from '../../src/app.js';
import { startTestApp } from '@voxlay/testing/server';
import { TestClient } from '@voxlay/testing/client';
import { TestParticipants } from '@voxlay/testing/participants';
import { produceAudio, untilChannelEventsLive, waitForEvent } from '@voxlay/testing/session';

describe('participant state', () => {
  let app: VoxlayApp;
  let lobby: string;
  let participants: TestParticipants;

  beforeAll(async () => {
    app = await startTestApp();
    participants = new TestParticipants(app);
    lobby = participants.lobby;
  });

  afterEach(() => participants.closeAll());

  afterAll(async () => {
    await app?.stop();
  });

  it('starts as an always-on participant that hears, has a microphone and did not mute itself', async () => {
    const ann = await participants.join('Ann');
    expect(ann.joined.participant).toMatchObject({
      selfMuted: false,
      deafened: false,
      listenOnly: false,
      voiceMode: 'ALWAYS_ON',
      qualityLevel: 'UNKNOWN',
    });
  });

  it('tells every participant and the public channel events when a participant deafens or switches to push-to-talk', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    const watcher = new TestClient(app.url);
    const channelEvents = watcher.subscribe(ChannelEventsDocument, { channelId: lobby });
    await untilChannelEventsLive(channelEvents, async () => (await participants.join('Probe')).joined.participant.id);
    try {
      const { setParticipantState } = await bob.client.data(SetParticipantStateDocument, {
        input: { deafened: true, voiceMode: 'PUSH_TO_TALK' },
      });
      expect(setParticipantState).toMatchObject({ id: bob.joined.participant.id, deafened: true, voiceMode: 'PUSH_TO_TALK' });
      const seen = await waitForEvent(ann, 'ParticipantStateChanged', (e) => e.participant.deafened);
      expect(seen.participant).toMatchObject({
        id: bob.joined.participant.id,
        deafened: true,
        voiceMode: 'PUSH_TO_TALK',
        listenOnly: false,
      });
      const publicEvent = await channelEvents.waitFor(
        ({ channelEvents: e }) => e.__typename === 'ParticipantStateChanged' && e.participant.id === bob.joined.participant.id,
      );
      expect(publicEvent.channelEvents).toMatchObject({ participant: { deafened: true } });
      // The same state is what a later reader sees.
      const channel = app.channels.get(lobby);
      expect(channel?.participant(bob.joined.participant.id)?.deafened).toBe(true);
    } finally {
      await watcher.close();
    }
  });

  it('shows a participant without a microphone as listen-only until it produces', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    await bob.client.data(SetParticipantStateDocument, { input: { listenOnly: true } });
    expect((await waitForEvent(ann, 'ParticipantStateChanged', (e) => e.participant.listenOnly)).participant.id).toBe(
      bob.joined.participant.id,
    );
    await produceAudio(bob);
    const cleared = await waitForEvent(
      ann,
      'ParticipantStateChanged',
      (e) => e.participant.id === bob.joined.participant.id && !e.participant.listenOnly,
    );
    expect(cleared.participant.listenOnly).toBe(false);
  });

  it('sends no event when nothing changed', async () => {
    const ann = await participants.join('Ann');
    const bob = await participants.join('Bob');
    await bob.client.data(SetParticipantStateDocument, { input: { selfMuted: false } });
    await bob.client.data(SetParticipantStateDocument, { input: { selfMuted: true } });
    const first = await waitForEvent(ann, 'ParticipantStateChanged');
    expect(first.participant.selfMuted).toBe(true);
  });

  it('refuses an empty input and an unknown voice mode with BAD_USER_INPUT, and HTTP with NO_SESSION', async () => {
    const ann = await participants.join('Ann');
    expect(await ann.client.errorCode(SetParticipantStateDocument, { input: {} })).toBe('BAD_USER_INPUT');
    expect(await ann.client.errorCode(SetParticipantStateDocument, { input: { voiceMode: 'SHOUTING' as unknown as 'ALWAYS_ON' } })).toBe(
      'BAD_USER_INPUT',
    );
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { setParticipantState(input: { deafened: true }) { id } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('NO_SESSION');
  });
});
