import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Channel } from '@voxlay/core';
import { VoicePanel } from '@voxlay/core/ui';
import { localCallControls } from '../core';
import { useChannelState } from '../hooks/useChannelState';
import { usePushToTalkKey } from '../hooks/usePushToTalkKey';
import { SettingsDrawer } from './SettingsDrawer';

export interface ChannelScreenProps {
  channel: Channel;
  channelName: string;
  onLeave: () => void;
}

/** In a channel: the shared VoicePanel, the settings drawer and the keyboard push-to-talk. */
export function ChannelScreen({ channel, channelName, onLeave }: ChannelScreenProps) {
  const state = useChannelState(channel);
  const [settingsOpen, setSettingsOpen] = useState(false);
  usePushToTalkKey(channel, state.mode === 'push-to-talk' && !settingsOpen);

  // The call's controls (core's callCommands), bound to this Channel; it persists its own settings.
  const controls = useMemo(() => localCallControls(channel), [channel]);

  // Closing the tab or the installed window leaves the channel cleanly.
  useEffect(() => {
    const onPageHide = () => void channel.leave().catch(() => undefined);
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [channel]);

  return (
    <div class="channel-screen" data-testid="channel-screen">
      <VoicePanel
        state={state}
        controls={controls}
        fallbackTitle={channelName}
        onLeave={onLeave}
        onOpenSettings={() => setSettingsOpen(true)}
      />
      <SettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} state={state} channel={channel} controls={controls} />
    </div>
  );
}
