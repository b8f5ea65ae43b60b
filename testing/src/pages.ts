// The test pages (pages/, browser code): esbuild bundles one with bundleBrowserEntry() and a page
// server serves it; the test drives the API the page puts on window (page-api.ts has its types).
import { fileURLToPath } from 'node:url';

/** window.voice: a participant joined through the Voxlay GraphQL API with mediasoup-client. */
export const VOICE_PAGE = fileURLToPath(new URL('./pages/voice-page.ts', import.meta.url));
/** window.raw: mediasoup-client only; the test does the signaling. */
export const RAW_PAGE = fileURLToPath(new URL('./pages/raw-page.ts', import.meta.url));
/** window.video: camera, screen and clock streams produced and watched on demand, with the frames shown. */
export const VIDEO_PAGE = fileURLToPath(new URL('./pages/video-page.ts', import.meta.url));
