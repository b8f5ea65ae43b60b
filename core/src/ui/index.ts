// The shared Preact voice UI (PWA and extension overlay). Pure render from props; no data fetching.
// Mount inside an element with class `vx-root` and inject `voicePanelCss` once (document or shadow root).
export { VoicePanel } from './VoicePanel.js';
export type { VoicePanelProps, VoicePanelControls } from './VoicePanel.js';
export { ParticipantRow } from './ParticipantRow.js';
export type { ParticipantRowProps, RowPosition } from './ParticipantRow.js';
export { Avatar, initialOf } from './Avatar.js';
export type { AvatarProps } from './Avatar.js';
export { ParticipantList } from './ParticipantList.js';
export type { ParticipantListProps } from './ParticipantList.js';
export { ParticipantFilter } from './ParticipantFilter.js';
export type { ParticipantFilterProps } from './ParticipantFilter.js';
export { SpeakersStrip } from './SpeakersStrip.js';
export type { SpeakersStripProps } from './SpeakersStrip.js';
export { FILTER_THRESHOLD, filterParticipants, matchesName, participantCountLabel, speakersOf } from './participantList.js';
export { LevelMeter } from './LevelMeter.js';
export type { LevelMeterProps } from './LevelMeter.js';
export { Controls } from './Controls.js';
export type { ControlsProps, ControlsState, ControlsActions } from './Controls.js';
export { ConnectionBadge } from './ConnectionBadge.js';
export type { ConnectionBadgeProps } from './ConnectionBadge.js';
export { SettingsForm } from './SettingsForm.js';
export { NameInput, nameLengthError } from './NameInput.js';
export type { NameInputProps } from './NameInput.js';
export type { MicTestView, SettingsFormProps } from './SettingsForm.js';
export { formatKeyCode } from './keys.js';
export { voicePanelCss } from './styles.js';
export { ChevronIcon, GearIcon, HeadphonesIcon, LeaveIcon, MicIcon } from './icons.js';
