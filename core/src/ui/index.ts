// The shared Preact voice UI (PWA and extension overlay). Pure render from props; no data fetching.
// Mount inside an element with class `vx-root` and inject `voicePanelCss` once (document or shadow root).
export { VoicePanel } from './VoicePanel.js';
export type { VoicePanelProps, VoicePanelControls } from './VoicePanel.js';
export { ParticipantRow, initialOf } from './ParticipantRow.js';
export type { ParticipantRowProps } from './ParticipantRow.js';
export { LevelMeter } from './LevelMeter.js';
export type { LevelMeterProps } from './LevelMeter.js';
export { Controls } from './Controls.js';
export type { ControlsProps, ControlsState, ControlsActions } from './Controls.js';
export { ConnectionBadge } from './ConnectionBadge.js';
export type { ConnectionBadgeProps } from './ConnectionBadge.js';
export { SettingsForm } from './SettingsForm.js';
export type { SettingsFormProps } from './SettingsForm.js';
export { formatKeyCode } from './keys.js';
export { voicePanelCss } from './styles.js';
