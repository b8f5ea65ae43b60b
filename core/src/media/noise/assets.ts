/// <reference types="vite/client" />
// The RNNoise assets as URLs for apps built with Vite (the PWA, the extension through WXT): the
// worklet bundled on its own (`?worker&url`) and the wasm copied as a file (`?url`). Importing this
// module costs two strings; nothing is fetched until noise suppression starts (NoiseSuppressor).
import wasmUrl from '@jitsi/rnnoise-wasm/dist/rnnoise.wasm?url';
import workletUrl from './rnnoise.worklet.ts?worker&url';
import type { NoiseSuppressionAssets } from './NoiseSuppressor';

export const noiseSuppressionAssets: NoiseSuppressionAssets = { workletUrl, wasmUrl };
