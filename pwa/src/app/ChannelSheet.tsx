import { useModalDialog } from '../hooks/useModalDialog';
import { nameLengthError } from '@voxlay/core/ui';
import type { ChannelRef, ChannelsResult } from '../hooks/useChannels';
import { useSettings } from '../hooks/useSettings';
import { ChannelList } from './ChannelList';

export interface ChannelSheetProps {
  open: boolean;
  onClose: () => void;
  channels: ChannelsResult;
  /** The channel of the call. */
  currentChannelId: string;
  /** Switch to `channel` (leave this one, join that one) as `displayName`. */
  onSwitch: (channel: ChannelRef, displayName: string) => void;
}

/**
 * Where the sidebar is hidden during a call (a phone, upright or on its side): the channel list as a
 * modal sheet from the bottom (a native <dialog>: focus inside, Escape closes, focus back on the
 * button that opened it), with the same live members and a Switch button per channel.
 */
export function ChannelSheet({ open, onClose, channels, currentChannelId, onSwitch }: ChannelSheetProps) {
  const dialog = useModalDialog(open);
  const [settings] = useSettings();
  const name = settings.displayName.trim();

  return (
    <dialog ref={dialog} class="sheet" data-testid="channel-sheet" aria-labelledby="channel-sheet-title" onClose={onClose}>
      <div class="sheet__inner">
        <header class="drawer__head">
          <h2 id="channel-sheet-title">Channels</h2>
          <button type="button" class="vx-button vx-button--small" data-testid="channel-sheet-close" onClick={onClose}>
            Close
          </button>
        </header>
        {/* Only while open: the sidebar holds the same list (hidden), and one list at a time keeps the ids unique. */}
        {!open ? null : channels.channels ? (
          <ChannelList
            channels={channels.channels}
            currentChannelId={currentChannelId}
            canJoin={name !== '' && nameLengthError(name) === null}
            onJoin={(c) => {
              onClose();
              onSwitch(c, name);
            }}
          />
        ) : (
          <p class="muted">Loading channels…</p>
        )}
      </div>
    </dialog>
  );
}
