import { render } from 'preact';
import { streamTileCss, voicePanelCss } from '@voxlay/core/ui';
import { App } from './app/App';
import { registerServiceWorker } from './registerServiceWorker';
import { startVoxlay, VoxlayContext } from './voxlay';
import './app/app.css';

const style = document.createElement('style');
style.dataset.voxlay = 'voice-panel';
style.textContent = voicePanelCss + streamTileCss;
document.head.append(style);

// Start-up, in order: the client (its WebSocket opens now), the UI, the join prepared when idle.
const app = startVoxlay(location.origin);
render(
  <VoxlayContext.Provider value={app}>
    <App />
  </VoxlayContext.Provider>,
  document.getElementById('app')!,
);
app.prepareWhenIdle();
registerServiceWorker();
