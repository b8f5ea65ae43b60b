/**
 * Which spatial layer a watched stream should arrive in for the element it plays in: its height in
 * device pixels against the layer heights of a 720p simulcast (180, 360, 720). A small tile takes
 * layer 0, a medium one layer 1, a large one or fullscreen the top; never above `layerCount - 1`.
 */
export const LAYER_MAX_HEIGHTS = [200, 400] as const;

export function preferredSpatialLayer(size: { width: number; height: number }, devicePixelRatio: number, layerCount: number): number {
  if (!Number.isInteger(layerCount) || layerCount < 1) throw new TypeError(`layerCount must be a positive integer, got ${layerCount}`);
  if (!(devicePixelRatio > 0)) throw new TypeError(`devicePixelRatio must be positive, got ${devicePixelRatio}`);
  // A 16:9 stream letterboxed in a tall element shows at most width * 9/16 high.
  const shown = Math.min(size.height, (size.width * 9) / 16) * devicePixelRatio;
  let layer = LAYER_MAX_HEIGHTS.findIndex((max) => shown <= max);
  if (layer === -1) layer = LAYER_MAX_HEIGHTS.length;
  return Math.min(layer, layerCount - 1);
}

/** How many spatial layers a consumer's RTP parameters carry (mediasoup writes `L<S>T<T>` on its one encoding). */
export function spatialLayersOf(rtpParameters: { encodings?: Array<{ scalabilityMode?: string }> }): number {
  const mode = rtpParameters.encodings?.[0]?.scalabilityMode;
  const match = mode ? /^L(\d+)T\d+/.exec(mode) : null;
  return match ? Number(match[1]) : 1;
}
