import { useEffect, useMemo, useState } from 'preact/hooks';
import { VoicePanel, type VoicePanelControls } from '@voxlay/core/ui';
import { usePushToTalkKey } from '../hooks/usePushToTalkKey';
import { useVoiceSession } from '../hooks/useVoiceSession';
import type { SessionHandle } from '../session';
import { SettingsDrawer } from './SettingsDrawer';

export interface ChannelScreenProps {
  session: SessionHandle;
  channelName: string;
  onLeave: () => void;
}

/** In a channel: the shared VoicePanel, the settings drawer and the keyboard push-to-talk. */
export function ChannelScreen({ session, channelName, onLeave }: ChannelScreenProps) {
  const state = useVoiceSession(session);
  const [settingsOpen, setSettingsOpen] = useState(false);
  usePushToTalkKey(session, state.mode === 'push-to-talk' && !settingsOpen);

  // Bound calls (the panel may pass them around); the session persists its own settings.
  const controls = useMemo<VoicePanelControls>(
    () => ({
      setMuted: (muted) => session.setMuted(muted),
      setDeafened: (deafened) => session.setDeafened(deafened),
      setMode: (mode) => session.setMode(mode),
      setPushToTalk: (pressed) => session.setPushToTalk(pressed),
      setParticipantVolume: (id, volume) => session.setParticipantVolume(id, volume),
      setParticipantLocallyMuted: (id, muted) => session.setParticipantLocallyMuted(id, muted),
    }),
    [session],
  );

  // Closing the tab or the installed window leaves the channel cleanly.
  useEffect(() => {
    const onPageHide = () => void session.leave().catch(() => undefined);
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [session]);

  return (
    <div class="channel-screen" data-testid="channel-screen">
      <VoicePanel
        state={state}
        controls={controls}
        fallbackTitle={channelName}
        onLeave={onLeave}
        onOpenSettings={() => setSettingsOpen(true)}
      />
      <SettingsDrawer open={settingsOpen} onClose={() => setSettingsOpen(false)} state={state} session={session} />
    </div>
  );
}
