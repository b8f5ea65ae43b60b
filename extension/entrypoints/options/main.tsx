import { render } from 'preact';
import { voicePanelCss } from '@voxlay/core/ui';
import { pageCss } from '../../utils/pageCss';
import { Options } from './Options';

const style = document.createElement('style');
style.textContent = `${voicePanelCss}\n${pageCss}`;
document.head.append(style);
render(<Options />, document.getElementById('app')!);
