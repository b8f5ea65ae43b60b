/// <reference lib="dom" />
// A direct RTCPeerConnection between two pages, the reference path of the glass-to-glass benchmark:
// the sender sends a video track (VP8 preferred, as the SFU's router prefers it), the viewer shows
// it. The test or benchmark carries the SDP between the pages (no trickle: ICE is gathered first).

/** Waits (at most 2 s) until `pc` has gathered its candidates; returns its local SDP. */
async function gathered(pc: RTCPeerConnection): Promise<string> {
  for (let i = 0; i < 100 && pc.iceGatheringState !== 'complete'; i++) await new Promise((r) => setTimeout(r, 20));
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new Error('no local description');
  return sdp;
}

/** VP8 first, the other codecs after it: both ends then agree on VP8. */
function preferVp8(transceiver: RTCRtpTransceiver): void {
  const codecs = RTCRtpSender.getCapabilities('video')?.codecs ?? [];
  const vp8 = (c: RTCRtpCodec) => c.mimeType.toLowerCase() === 'video/vp8';
  transceiver.setCodecPreferences([...codecs.filter(vp8), ...codecs.filter((c) => !vp8(c))]);
}

export class DirectLink {
  readonly #pc = new RTCPeerConnection();

  /** Sender: sends `track` with the degradation preference the SFU path uses; returns the offer. */
  async offer(track: MediaStreamTrack): Promise<string> {
    const transceiver = this.#pc.addTransceiver(track, { direction: 'sendonly' });
    preferVp8(transceiver);
    const parameters = transceiver.sender.getParameters();
    parameters.degradationPreference = 'maintain-resolution';
    await transceiver.sender.setParameters(parameters);
    await this.#pc.setLocalDescription(await this.#pc.createOffer());
    return gathered(this.#pc);
  }

  /** Viewer: answers `offer`; resolves with the answer and the track it receives. */
  async answer(offer: string): Promise<{ answer: string; track: MediaStreamTrack }> {
    const track = new Promise<MediaStreamTrack>((resolve) =>
      this.#pc.addEventListener('track', (event) => resolve(event.track), { once: true }),
    );
    await this.#pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await this.#pc.setLocalDescription(await this.#pc.createAnswer());
    return { answer: await gathered(this.#pc), track: await track };
  }

  /** Sender: applies the answer. */
  accept(answer: string): Promise<void> {
    return this.#pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  close(): void {
    this.#pc.close();
  }
}
