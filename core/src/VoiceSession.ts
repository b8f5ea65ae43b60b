// Kept at this path only for server/test/browser/pages/core-session-page.ts and
// server/test/cluster/pages/core-voice-page.ts, which import core by file path and lie outside the
// client's workspaces. Delete once they import `Channel` from '@voxlay/core'. Not exported by the package.
export { Channel as VoiceSession } from './channel/Channel';
