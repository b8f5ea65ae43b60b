export { createMetrics, type MetricsOptions, type VoxlayMetrics } from './metrics.js';
export { useVoxlayMetrics } from './plugin.js';
