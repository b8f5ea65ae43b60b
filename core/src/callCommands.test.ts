import { describe, expect, it } from 'vitest';
import { CALL_COMMAND_NAMES, callControls, localCallControls, runCallCommand, type CallCommand, type CallTarget } from './callCommands';

/** A Channel as far as the commands drive it: records each control called, with its arguments. */
function fakeChannel() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) =>
      void calls.push(`${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
  const channel = {
    state: { muted: false as boolean },
    leave: record('leave'),
    setMuted: async (muted: boolean) => {
      calls.push(`setMuted(${muted})`);
      channel.state.muted = muted;
    },
    setDeafened: record('setDeafened'),
    setMode: record('setMode'),
    setVadSensitivity: record('setVadSensitivity'),
    setPushToTalk: record('setPushToTalk'),
    setPttKey: record('setPttKey'),
    selectMicrophone: record('selectMicrophone'),
    setNoiseSuppression: record('setNoiseSuppression'),
    setParticipantVolume: record('setParticipantVolume'),
    setParticipantLocallyMuted: record('setParticipantLocallyMuted'),
    rejoin: record('rejoin'),
    retryMicrophone: record('retryMicrophone'),
  } satisfies CallTarget;
  return { channel, calls };
}

describe('callCommands', () => {
  it('callControls() turns every control call into one command with its arguments', async () => {
    const sent: CallCommand[] = [];
    const controls = callControls(async (command) => void sent.push(command));
    await controls.setMuted(true);
    await controls.setParticipantVolume('p1', 0.5);
    await controls.toggleMute();
    await controls.leave();
    expect(sent).toEqual([
      { name: 'setMuted', args: [true] },
      { name: 'setParticipantVolume', args: ['p1', 0.5] },
      { name: 'toggleMute', args: [] },
      { name: 'leave', args: [] },
    ]);
    expect(Object.keys(controls).sort()).toEqual([...CALL_COMMAND_NAMES].sort());
  });

  it('runCallCommand() calls the Channel control of the same name; toggleMute flips the mute', async () => {
    const { channel, calls } = fakeChannel();
    await runCallCommand(channel, { name: 'setDeafened', args: [true] });
    await runCallCommand(channel, { name: 'selectMicrophone', args: ['mic-2'] });
    await runCallCommand(channel, { name: 'toggleMute', args: [] });
    await runCallCommand(channel, { name: 'toggleMute', args: [] });
    expect(calls).toEqual(['setDeafened(true)', 'selectMicrophone("mic-2")', 'setMuted(true)', 'setMuted(false)']);
  });

  it('runCallCommand() refuses an unknown command with a TypeError and takes missing arguments as none', async () => {
    const { channel, calls } = fakeChannel();
    await expect(runCallCommand(channel, { name: 'join', args: [] } as unknown as CallCommand)).rejects.toBeInstanceOf(TypeError);
    await runCallCommand(channel, { name: 'toggleMute' } as unknown as CallCommand);
    await runCallCommand(channel, { name: 'leave' } as unknown as CallCommand);
    expect(calls).toEqual(['setMuted(true)', 'leave()']);
  });

  it('localCallControls() drives the Channel itself, the same controls as a remote one', async () => {
    const { channel, calls } = fakeChannel();
    const controls = localCallControls(channel);
    await controls.setMode('push-to-talk');
    await controls.setPushToTalk(true);
    expect(calls).toEqual(['setMode("push-to-talk")', 'setPushToTalk(true)']);
  });
});
