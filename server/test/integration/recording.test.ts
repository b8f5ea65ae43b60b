// Recording over GraphQL and HTTP: the contract (start, stop, twice, unknown ids, Channel.recording,
// the channel events), the rights in token mode, and the download route. The recorded audio itself
// is checked with Chromium in server/test/browser/recording.test.ts.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoxlayApp } from '../../src/app.js';
import { mintToken, type Right } from '../../src/auth/tokens.js';
import { startTestApp } from '@voxlay/testing/server';
import { joinMember, waitForEvent } from '@voxlay/testing/session';

type GqlBody = { data?: Record<string, never> | null; errors?: Array<{ message: string; extensions?: { code?: string; limit?: string } }> };

async function gql(app: VoxlayApp, query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<GqlBody> {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GqlBody;
}

const code = (body: GqlBody): string | undefined => body.errors?.[0]?.extensions?.code;

const START = 'mutation($id: ID!) { startRecording(channelId: $id) { id channelId state startedAt stopReason } }';
const STOP = 'mutation($id: ID!) { stopRecording(channelId: $id) { id state stopReason endedAt } }';
const LIST =
  'query($id: ID) { recordings(channelId: $id) { id state durationMs sizeBytes stopReason files { name kind sizeBytes offsetMs url } } }';

describe('recording in open mode', () => {
  let app: VoxlayApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxlay-rec-test-'));
    app = await startTestApp({ recordingsDir: dir });
  });

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts once per channel, tells joiners and participants, stops with a reason, and lists the files', async () => {
    const lobby = app.channels.defaultChannel.id;
    const ann = await joinMember(app, lobby, 'Ann');

    const started = await gql(app, START, { id: lobby });
    expect(started.errors).toBeUndefined();
    const recording = started.data?.startRecording as unknown as { id: string; state: string; channelId: string };
    expect(recording).toMatchObject({ channelId: lobby, state: 'RECORDING' });
    const event = await waitForEvent(ann, 'RecordingStarted');
    expect(event.__typename).toBe('RecordingStarted');

    // A joiner is told before joining: Channel.recording, over plain HTTP.
    const before = await gql(app, 'query($id: ID!) { channel(id: $id) { recording { id state } } }', { id: lobby });
    expect(before.data?.channel).toEqual({ recording: { id: recording.id, state: 'RECORDING' } });

    const twice = await gql(app, START, { id: lobby });
    expect(code(twice)).toBe('LIMIT_EXCEEDED');
    expect(twice.errors?.[0]?.extensions?.limit).toBe('recordingsPerChannel');

    const stopped = await gql(app, STOP, { id: lobby });
    expect(stopped.data?.stopRecording).toMatchObject({ id: recording.id, state: 'MIXING', stopReason: 'STOPPED' });
    await waitForEvent(ann, 'RecordingStopped');
    const after = await gql(app, 'query($id: ID!) { channel(id: $id) { recording { id } } }', { id: lobby });
    expect(after.data?.channel).toEqual({ recording: null });
    expect(code(await gql(app, STOP, { id: lobby }))).toBe('NOT_FOUND');

    // Mixed (an empty recording mixes to silence of its length), then listed DONE with its files.
    let listed: { state: string; files: { kind: string; url: string; sizeBytes: number }[] } | undefined;
    for (let i = 0; i < 100; i++) {
      const list = await gql(app, LIST, { id: lobby });
      listed = ((list.data?.recordings ?? []) as unknown as (typeof listed)[])[0];
      if (listed?.state === 'DONE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(listed?.state).toBe('DONE');
    const mixed = listed?.files.find((file) => file.kind === 'MIXED');
    expect(mixed?.sizeBytes).toBeGreaterThan(0);

    const download = await fetch(`${app.url}${mixed?.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/ogg');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(mixed?.sizeBytes);
    expect(Number(download.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('OggS');
    await ann.client.close();
  });

  it('closes and mixes, at the next start, a recording a node left running when it died', async () => {
    const lobby = app.channels.defaultChannel.id;
    const started = await gql(app, START, { id: lobby });
    const id = String((started.data?.startRecording as unknown as { id?: string } | undefined)?.id);
    // The folder as a node that died mid-recording leaves it (manifest still RECORDING).
    const crashed = mkdtempSync(join(tmpdir(), 'voxlay-rec-crashed-'));
    cpSync(join(dir, id), join(crashed, id), { recursive: true });
    await gql(app, STOP, { id: lobby });
    const restarted = await startTestApp({ recordingsDir: crashed });
    try {
      let listed: { id: string; state: string; stopReason: string; files: { kind: string }[] } | undefined;
      for (let i = 0; i < 100; i++) {
        const list = await gql(restarted, LIST, {});
        listed = ((list.data?.recordings ?? []) as unknown as (typeof listed)[])[0];
        if (listed?.files.some((file) => file.kind === 'MIXED')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(listed).toMatchObject({ id, state: 'DONE', stopReason: 'SERVER_SHUTDOWN' });
      expect(listed?.files.some((file) => file.kind === 'MIXED')).toBe(true);
    } finally {
      await restarted.stop();
      rmSync(crashed, { recursive: true, force: true });
    }
  });

  it('answers NOT_FOUND or BAD_USER_INPUT for unknown ids, and 404 for unknown files and paths that try to climb out', async () => {
    for (const id of ['no-such-channel', '00000000-0000-0000-0000-000000000000', '../..']) {
      expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(code(await gql(app, START, { id })));
      expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(code(await gql(app, STOP, { id })));
    }
    expect((await gql(app, LIST, { id: 'no-such-channel' })).data?.recordings).toEqual([]);
    for (const path of [
      '/recordings/00000000-0000-0000-0000-000000000000/mixed.ogg',
      '/recordings/..%2F..%2Fetc/passwd',
      '/recordings/%2e%2e/%2e%2e/package.json',
      '/recordings/x/y/z',
    ]) {
      expect((await fetch(`${app.url}${path}`)).status).toBe(404);
    }
  });
});

describe('recording in token mode', () => {
  const SECRET = 'recording-test-secret-long-enough-for-hs256';
  let app: VoxlayApp;
  let dir: string;
  const token = (rights: Right[], channels: '*' | string[] = '*'): Promise<string> =>
    mintToken({ jwtSecret: SECRET }, { subject: `u-${rights.join('-')}`, name: 'Uma', channels, rights, ttlSeconds: 600 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'voxlay-rec-test-'));
    app = await startTestApp({ authMode: 'token', jwtSecret: SECRET, recordingsDir: dir });
  });

  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs the record (or admin) right to start, stop, list and download', async () => {
    const lobby = app.channels.defaultChannel.id;
    const member = await token(['join', 'publish', 'subscribe']);
    const recorder = await token(['join', 'record']);
    const otherChannel = await token(['record'], ['Elsewhere']);
    const admin = await token(['admin']);

    expect(code(await gql(app, START, { id: lobby }))).toBe('UNAUTHENTICATED');
    expect(code(await gql(app, START, { id: lobby }, member))).toBe('FORBIDDEN');
    expect(code(await gql(app, START, { id: lobby }, otherChannel))).toBe('FORBIDDEN');
    expect(code(await gql(app, START, { id: 'unknown' }, member))).toBe('FORBIDDEN');

    const started = await gql(app, START, { id: lobby }, recorder);
    expect(started.errors).toBeUndefined();
    // Anybody who may see the channel sees that it is recorded, but not its files.
    const seen = await gql(app, 'query($id: ID!) { channel(id: $id) { recording { id } } }', { id: lobby }, member);
    expect(seen.data?.channel).toMatchObject({ recording: { id: expect.any(String) } });
    const files = await gql(app, 'query($id: ID!) { channel(id: $id) { recording { files { name } } } }', { id: lobby }, member);
    expect(code(files)).toBe('FORBIDDEN');
    expect(code(await gql(app, LIST, {}, member))).toBe('FORBIDDEN');
    expect(code(await gql(app, STOP, { id: lobby }, member))).toBe('FORBIDDEN');
    expect((await gql(app, STOP, { id: lobby }, admin)).errors).toBeUndefined();

    let mixed: { url: string } | undefined;
    for (let i = 0; i < 100 && !mixed; i++) {
      const list = await gql(app, LIST, { id: lobby }, recorder);
      const [first] = (list.data?.recordings ?? []) as unknown as { files: { kind: string; url: string }[] }[];
      mixed = first?.files.find((file) => file.kind === 'MIXED');
      if (!mixed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(mixed).toBeDefined();
    const path = mixed!.url.split('?')[0]!;
    const bearer = (jwt: string) => ({ headers: { authorization: `Bearer ${jwt}` } });
    expect((await fetch(`${app.url}${path}`)).status).toBe(401);
    expect((await fetch(`${app.url}${path}`, bearer(member))).status).toBe(403);
    expect((await fetch(`${app.url}${path}`, bearer(otherChannel))).status).toBe(403);
    expect((await fetch(`${app.url}${path}?sig=forged.sig.nature`)).status).toBe(401);
    expect((await fetch(`${app.url}${path}`, bearer(recorder))).status).toBe(200);
    // The signed link works on its own, for that file only.
    expect((await fetch(`${app.url}${mixed!.url}`)).status).toBe(200);
    const otherFile = mixed!.url.replace('/mixed.ogg?', '/manifest.json?');
    expect((await fetch(`${app.url}${otherFile}`)).status).toBe(401);
    expect((await fetch(`${app.url}${path.replace('mixed.ogg', 'manifest.json')}`, bearer(recorder))).status).toBe(404);
  });
});
