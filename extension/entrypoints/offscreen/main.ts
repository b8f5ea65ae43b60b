import { browser } from 'wxt/browser';
import { isMessage, MessageType, Target, type ExtensionState } from '../../utils/messages';
import { collectStats, trackPeerConnections } from '../../utils/peerStats';
import { ChannelHost } from '../../utils/channelHost';
import { StreamTaps } from '../../utils/streamTaps';

// The offscreen document (reason USER_MEDIA): owns the Channel, the microphone and the
// consumers, so the call survives navigation and tab switches. Only `chrome.runtime` exists here.
trackPeerConnections();

const publish = (state: ExtensionState): void => {
  browser.runtime.sendMessage({ target: Target.Background, type: MessageType.State, state }).catch(() => undefined);
};

// Streams watched in the overlay's viewer: their encoded frames leave through tapWorker.ts.
const taps = new StreamTaps(() => new Worker(new URL('./tapWorker.ts', import.meta.url), { type: 'module' }));
const host = new ChannelHost(localStorage, publish, taps);

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

addEventListener('pagehide', () => {
  taps.close();
  void host.close();
});
