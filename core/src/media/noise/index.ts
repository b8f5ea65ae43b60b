export { NOISE_SUPPRESSION_DELAY_MS, type NoiseSuppressionAssets, type NoiseSuppressionStats } from './NoiseSuppressor';
export { NOISE_SUPPRESSION_KEY, NoiseSuppressionChoices, noiseSuppressionByDefault, VadEngine } from './noiseSuppressionChoices';
export { NEURAL_VAD_THRESHOLDS } from './neuralVad';
export { noiseSuppressionNotice } from './notice';
