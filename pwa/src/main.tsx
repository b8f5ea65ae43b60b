import { render } from 'preact';
import { voicePanelCss } from '@voxlay/core/ui';
import { App } from './app/App';
import { registerServiceWorker } from './registerServiceWorker';
import './app/app.css';

const style = document.createElement('style');
style.dataset['voxlay'] = 'voice-panel';
style.textContent = voicePanelCss;
document.head.append(style);

render(<App />, document.getElementById('app')!);
registerServiceWorker();
