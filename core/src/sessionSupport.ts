// Kept at this path only for the server's test pages (see VoiceSession.ts beside it). Delete with it.
export { memoryStorage } from './storage';
