import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import { formatKeyCode, VoicePanel } from '@voxlay/core/ui';
import { localCallControls } from '../core';
import { useCallShortcuts } from '../hooks/useCallShortcuts';
import { useChannelState } from '../hooks/useChannelState';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useMediaSession } from '../hooks/useMediaSession';
import { usePushToTalkKey } from '../hooks/usePushToTalkKey';
import { useSettings } from '../hooks/useSettings';
import { useWakeLock } from '../hooks/useWakeLock';
import { BackgroundAudioNotice } from './BackgroundAudioNotice';
import { SettingsDrawer } from './SettingsDrawer';
import { StreamArea } from './StreamArea';

export interface ChannelScreenProps {
  channel: Channel;
  /** The channel joined (or being joined): a new one moves the focus to the mute button again. */
  channelId: string;
  channelName: string;
  onLeave: () => void;
}

/** In a channel: the shared VoicePanel, the settings drawer, and the keyboard (push-to-talk, mute and deafen shortcuts). */
export function ChannelScreen({ channel, channelId, channelName, onLeave }: ChannelScreenProps) {
  const state = useChannelState(channel);
  const [settings] = useSettings();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  usePushToTalkKey(channel, state.mode === 'push-to-talk' && !settingsOpen);

  // The call's controls (core's callCommands), bound to this Channel; it persists its own settings.
  const controls = useMemo(() => localCallControls(channel), [channel]);
  useCallShortcuts(controls, state, settings, !settingsOpen);

  // Phones: mute and leave from the lock screen or the media notification; the screen kept on if asked.
  useMediaSession({
    title: state.channel?.name ?? channelName,
    muted: state.muted,
    onToggleMute: () => void controls.toggleMute().catch((e: unknown) => console.warn('[voxlay]', e)),
    onLeave,
  });
  const wakeLock = useWakeLock(settings.keepScreenOn);
  // The channel names the window (the title bar and the app switcher when installed, the tab otherwise).
  useDocumentTitle(state.channel?.name ?? channelName);

  // After Join (or a switch), the keyboard is on the call's first control: Enter or Space mutes.
  // Once per channel, as soon as the button takes focus (a switch disables it while between channels).
  const focusedFor = useRef<string | null>(null);
  useEffect(() => {
    if (focusedFor.current === channelId) return;
    const mute = root.current?.querySelector<HTMLButtonElement>('[data-testid="mute-button"]');
    if (!mute || mute.disabled) return;
    mute.focus();
    focusedFor.current = channelId;
  }, [channelId, state.connectionState]);

  // Closing the tab or the installed window leaves the channel cleanly.
  useEffect(() => {
    const onPageHide = () => void channel.leave().catch(() => undefined);
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [channel]);

  const video = useMemo(
    () => ({
      setCameraEnabled: (enabled: boolean, deviceId?: string) => channel.setCameraEnabled(enabled, deviceId),
      setScreenShareEnabled: (enabled: boolean) => channel.setScreenShareEnabled(enabled),
      canShareScreen: typeof navigator.mediaDevices?.getDisplayMedia === 'function',
    }),
    [channel],
  );
  const hasStreams =
    state.participants.some((p) => (p.streams ?? []).length > 0) || state.camera?.status === 'on' || state.screenShare?.status === 'on';
  const nameOf = (id: string): string => state.participants.find((p) => p.id === id)?.displayName ?? 'someone';

  const shortcuts = [
    settings.muteKey && `${formatKeyCode(settings.muteKey)} mute`,
    settings.deafenKey && `${formatKeyCode(settings.deafenKey)} deafen`,
    state.mode === 'push-to-talk' && `hold ${formatKeyCode(state.pttKey)} to talk`,
  ].filter(Boolean);

  return (
    <div class={hasStreams ? 'channel-screen channel-screen--streams' : 'channel-screen'} data-testid="channel-screen" ref={root}>
      <BackgroundAudioNotice />
      {state.recording && (
        <p class="recording-indicator" role="status" data-testid="recording-indicator">
          <span class="recording-indicator__dot" aria-hidden="true" />
          Recording: everything said in this channel is being recorded.
        </p>
      )}
      <StreamArea channel={channel} state={state} />
      <VoicePanel
        state={state}
        controls={controls}
        fallbackTitle={channelName}
        onLeave={onLeave}
        onOpenSettings={() => setSettingsOpen(true)}
        video={{
          ...video,
          camera: state.camera ?? { status: 'off', deviceId: '' },
          screenShare: state.screenShare ?? { status: 'off', deviceId: '' },
          cameras: state.cameras ?? [],
          screenViewers: (state.screenShare?.viewerIds ?? []).map(nameOf),
          cameraViewers: (state.camera?.viewerIds ?? []).map(nameOf),
        }}
      />
      {shortcuts.length > 0 && (
        <p class="shortcuts muted small" data-testid="shortcuts-hint">
          Keys: {shortcuts.join(' · ')} <span class="shortcuts__where">(change them in Settings)</span>
        </p>
      )}
      <SettingsDrawer
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        call={{ state, channel, controls }}
        keepScreenOnError={wakeLock.error}
      />
    </div>
  );
}
