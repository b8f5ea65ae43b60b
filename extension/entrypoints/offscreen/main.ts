import { browser } from 'wxt/browser';
import { isMessage, MessageType, Target, type ExtensionState } from '../../utils/messages';
import { collectStats, trackPeerConnections } from '../../utils/peerStats';
import { ChannelHost } from '../../utils/channelHost';

// The offscreen document (reason USER_MEDIA): owns the Channel, the microphone and the
// consumers, so the call survives navigation and tab switches. Only `chrome.runtime` exists here.
trackPeerConnections();

const publish = (state: ExtensionState): void => {
  browser.runtime.sendMessage({ target: Target.Background, type: MessageType.State, state }).catch(() => undefined);
};

const host = new ChannelHost(localStorage, publish);

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isMessage(message) || message.target !== Target.Offscreen) return undefined;
  switch (message.type) {
    case MessageType.Command:
      return host.run(message.command);
    case MessageType.GetState:
      return Promise.resolve(host.state);
    case MessageType.GetStats:
      return collectStats();
    default:
      return undefined;
  }
});

addEventListener('pagehide', () => void host.close());
