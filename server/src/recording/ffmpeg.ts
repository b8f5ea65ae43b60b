import { spawn, spawnSync } from 'node:child_process';

/** What `npm start` users are told when ffmpeg is missing. */
export const FFMPEG_APT_LINE = 'apt-get install -y ffmpeg';

/** The ffmpeg binary: VOXLAY_FFMPEG, else `ffmpeg` on the PATH. */
export function ffmpegPath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.VOXLAY_FFMPEG?.trim();
  return configured === undefined || configured === '' ? 'ffmpeg' : configured;
}

/** Whether `path` runs (`ffmpeg -version`), asked once per path: recordings need it for the mixed file. */
const available = new Map<string, boolean>();
export function ffmpegAvailable(path: string): boolean {
  let known = available.get(path);
  if (known === undefined) {
    const result = spawnSync(path, ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 10_000 });
    known = result.status === 0;
    available.set(path, known);
  }
  return known;
}

/** One speaker's file and where it starts in the recording. */
export interface MixInput {
  path: string;
  offsetMs: number;
}

/**
 * Mixes the speakers' files into one Ogg Opus file of exactly `durationMs`: each decoded with its
 * gaps filled (aresample async), delayed by its offset, summed without normalising (amix), padded or
 * cut to the recording's length, encoded once (libopus, mono, 48 kbit/s). Nobody heard: silence.
 * Rejects when ffmpeg fails (its last error lines in the message) or runs longer than `timeoutMs`.
 */
export function mixTracks(
  ffmpeg: string,
  inputs: readonly MixInput[],
  durationMs: number,
  out: string,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const seconds = (Math.max(durationMs, 0) / 1000).toFixed(3);
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'];
  let filter: string;
  if (inputs.length === 0) {
    args.push('-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono');
    filter = `[0:a]atrim=end=${seconds}[out]`;
  } else {
    for (const input of inputs) args.push('-i', input.path);
    const chains = inputs.map(
      (input, i) => `[${i}:a]aresample=async=1:first_pts=0,adelay=delays=${Math.max(0, Math.round(input.offsetMs))}:all=1[a${i}]`,
    );
    const labels = inputs.map((_, i) => `[a${i}]`).join('');
    filter = `${chains.join(';')};${labels}amix=inputs=${inputs.length}:duration=longest:normalize=0,apad,atrim=end=${seconds}[out]`;
  }
  args.push('-filter_complex', filter, '-map', '[out]', '-ac', '1', '-c:a', 'libopus', '-b:a', '48k', out);
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg mix failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
  });
}
