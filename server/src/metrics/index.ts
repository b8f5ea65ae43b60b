export { ForwardingStats, type ForwardingStatsOptions } from './ForwardingStats.js';
export { MediaTracker } from './MediaTracker.js';
export { createMetrics, type MetricsOptions, type VoxlayMetrics } from './metrics.js';
export { useVoxlayMetrics } from './plugin.js';
