import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OggOpusWriter } from './OggOpusWriter.js';
import { packetSamples, SILENCE_FRAME } from './opusPacket.js';

const FFPROBE = process.env.VOXLAY_FFPROBE ?? '/usr/bin/ffprobe';

describe('OggOpusWriter', () => {
  const dirs: string[] = [];
  const file = (name: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'voxlay-ogg-'));
    dirs.push(dir);
    return join(dir, name);
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes an Ogg Opus file ffprobe reads, as long as the samples written', () => {
    const path = file('a.ogg');
    const writer = new OggOpusWriter(path);
    for (let i = 0; i < 150; i++) writer.write(SILENCE_FRAME, packetSamples(SILENCE_FRAME));
    writer.close();
    expect(writer.samples).toBe(150 * 960);
    const out = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'json', path], {
      encoding: 'utf8',
    });
    const probed = JSON.parse(out) as { streams: { codec_name: string }[]; format: { duration: string } };
    expect(probed.streams[0]?.codec_name).toBe('opus');
    expect(Number(probed.format.duration)).toBeCloseTo(3, 3);
    expect(readFileSync(path).length).toBe(writer.bytes);
  });

  it('leaves a playable file behind when it is never closed (a crash), up to its last page', () => {
    const path = file('b.ogg');
    const writer = new OggOpusWriter(path);
    for (let i = 0; i < 55; i++) writer.write(SILENCE_FRAME, 960);
    const out = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path], { encoding: 'utf8' });
    expect(Number(out)).toBeCloseTo(1, 3); // 50 of the 55 packets are on disk (pages of 10)
    writer.close();
    expect(() => writer.write(SILENCE_FRAME, 960)).toThrow(/closed/);
  });
});

describe('packetSamples()', () => {
  it('reads the samples of one Opus packet from its TOC byte and frame count', () => {
    expect(packetSamples(SILENCE_FRAME)).toBe(960); // CELT 20 ms, one frame
    expect(packetSamples(Uint8Array.of(0x08 << 0))).toBe(960); // SILK config 1: 20 ms
    expect(packetSamples(Uint8Array.of((1 << 3) | 1))).toBe(1920); // two 20 ms frames
    expect(packetSamples(Uint8Array.of((31 << 3) | 3, 3))).toBe(2880); // code 3: three 20 ms frames
    expect(packetSamples(Uint8Array.of())).toBe(0);
  });
});
