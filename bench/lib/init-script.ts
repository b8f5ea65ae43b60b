// Injected into every benchmark page before its own scripts (plain JS: it runs in the browser as is).
//  - records every RTCPeerConnection (window.__benchPcs) and the moment each remote track first
//    unmutes, i.e. its first RTP packet arrived (window.__benchTracks, __benchFirstAudio; a track
//    already unmuted at its `track` event is marked then, and says so in mutedAtTrack), and the
//    moment its decoded audio is first above -50 dBFS in a WebAudio context, i.e. audible
//    (rec.audibleAt, __benchFirstAudible; the context and its worklet exist before any join);
//  - with window.__benchTransit set, puts an RTCRtpScriptTransform on every audio sender and
//    receiver that only records (side, connection index, RTP timestamp, time) of each encoded frame
//    as it leaves the encoder and as it arrives from the network, before the jitter buffer
//    (window.__benchFrames);
//  - records every WebSocket message sent and received with its time (window.__benchWs);
//  - replaces getUserMedia with a WebAudio "microphone" chosen by window.__benchMic:
//    'tone' (continuous 440 Hz, -12 dBFS, so DTX never hides a packet), 'speech' (a tone whose
//    level and pitch vary like syllables), 'silence' (digital zero), or 'bursts' (40 ms tone bursts
//    every 500 ms, the onsets of which the page records in window.__benchOnsets.local).
// Times are performance.timeOrigin + performance.now(): one clock for every page of the browser.
export const BENCH_INIT_SCRIPT = String.raw`(() => {
  if (window.__benchInstalled) return;
  window.__benchInstalled = true;
  const now = () => performance.timeOrigin + performance.now();
  window.__benchNow = now;
  window.__benchPcs = [];
  window.__benchTracks = [];
  window.__benchFirstAudio = undefined;
  const NativePc = window.RTCPeerConnection;
  // ---- per-frame transit (encoded transforms that only record) ----
  window.__benchFrames = [];
  const TRANSIT_WORKER = "onrtctransform=(ev)=>{const t=ev.transformer;const o=t.options;t.readable.pipeThrough(new TransformStream({transform(f,c){const m=f.getMetadata();postMessage({side:o.side,pc:o.pc,ssrc:m.synchronizationSource,ts:m.rtpTimestamp,at:performance.timeOrigin+performance.now()});c.enqueue(f)}})).pipeTo(t.writable)};";
  let transitWorker;
  const recordFrames = (pc, target, side) => {
    if (!window.__benchTransit || typeof RTCRtpScriptTransform === 'undefined' || !target || target.transform) return;
    if (!transitWorker) {
      transitWorker = new Worker(URL.createObjectURL(new Blob([TRANSIT_WORKER], { type: 'text/javascript' })));
      transitWorker.onmessage = (ev) => window.__benchFrames.push(ev.data);
    }
    target.transform = new RTCRtpScriptTransform(transitWorker, { side, pc: window.__benchPcs.indexOf(pc) });
  };
  const nativeAddTransceiver = NativePc.prototype.addTransceiver;
  NativePc.prototype.addTransceiver = function (trackOrKind, init) {
    const transceiver = nativeAddTransceiver.call(this, trackOrKind, init);
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    if (kind === 'audio' && (!init || !init.direction || init.direction.includes('send'))) recordFrames(this, transceiver.sender, 'send');
    return transceiver;
  };
  const nativeAddTrack = NativePc.prototype.addTrack;
  NativePc.prototype.addTrack = function (track, ...streams) {
    const sender = nativeAddTrack.call(this, track, ...streams);
    if (track.kind === 'audio') recordFrames(this, sender, 'send');
    return sender;
  };
  window.RTCPeerConnection = class extends NativePc {
    constructor(...args) {
      super(...args);
      window.__benchPcs.push(this);
      this.addEventListener('track', (ev) => {
        const track = ev.track;
        if (track.kind === 'audio') recordFrames(this, ev.receiver, 'recv');
        const rec = { pc: this, track, at: now(), mutedAtTrack: track.muted, unmutedAt: undefined, audibleAt: undefined };
        window.__benchTracks.push(rec);
        if (track.kind === 'audio') void window.__benchWatchAudible(track, (t) => {
          rec.audibleAt = t;
          if (window.__benchFirstAudible === undefined || t < window.__benchFirstAudible) window.__benchFirstAudible = t;
        });
        const mark = () => {
          if (rec.unmutedAt !== undefined) return;
          rec.unmutedAt = now();
          if (window.__benchFirstAudio === undefined) window.__benchFirstAudio = rec.unmutedAt;
        };
        if (!track.muted) mark(); else track.addEventListener('unmute', mark, { once: true });
      });
    }
  };
  // ---- first audible output of a remote track ----
  // A worklet that reports the first frame whose sample is above the threshold, then stops.
  const FIRST_AUDIBLE = "class A extends AudioWorkletProcessor{constructor(o){super();this.th=o.processorOptions.threshold;this.done=false}process(inputs){if(this.done)return false;const ch=inputs[0]&&inputs[0][0];if(!ch)return true;for(let i=0;i<ch.length;i++){if(Math.abs(ch[i])>this.th){this.done=true;this.port.postMessage(currentFrame+i);return false}}return true}}registerProcessor('bench-first-audible',A);";
  let earReady;
  const ear = () => {
    earReady ??= (async () => {
      // window.__benchEarAtDeviceRate: at the output's own rate (Firefox cannot connect a track to a context at another rate).
      const ctx = new AudioContext(window.__benchEarAtDeviceRate ? {} : { sampleRate: 48000 });
      await ctx.resume();
      await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([FIRST_AUDIBLE], { type: 'text/javascript' })));
      return ctx;
    })();
    return earReady;
  };
  window.__benchFirstAudible = undefined;
  // -50 dBFS: well under the speakers' tone (-12 dBFS), well over silence and Opus's comfort noise floor.
  window.__benchWatchAudible = async (track, onAudible) => {
    const ctx = await ear();
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const node = new AudioWorkletNode(ctx, 'bench-first-audible', { processorOptions: { threshold: 0.00316 } });
    node.port.onmessage = (ev) => {
      onAudible(now() - (ctx.currentTime - ev.data / ctx.sampleRate) * 1000);
      source.disconnect();
    };
    source.connect(node);
    const sink = ctx.createGain(); sink.gain.value = 0; node.connect(sink); sink.connect(ctx.destination);
  };
  // The context and its worklet are made at load, before any join is timed (also in an extension's
  // offscreen document, which the extension-click suite instruments).
  if (window.isSecureContext && (location.protocol.startsWith('http') || location.protocol === 'chrome-extension:')) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void ear()); else void ear();
  }

  window.__benchWs = [];
  // What identifies a message: graphql-ws type, id and operation, or the raw protocol's id and method.
  const summary = (data) => {
    try {
      const m = JSON.parse(String(data));
      const q = m.payload && typeof m.payload.query === 'string' ? m.payload.query : '';
      const op = /^\s*(query|mutation|subscription)\s+(\w+)/.exec(q);
      return { type: m.type, id: m.id, method: m.method, op: op ? op[1] + ' ' + op[2] : undefined, caps: m.routerRtpCapabilities ? true : undefined };
    } catch { return {}; }
  };
  const NativeWs = window.WebSocket;
  window.WebSocket = class extends NativeWs {
    constructor(...args) {
      super(...args);
      window.__benchWs.push({ dir: 'open-start', at: now() });
      this.addEventListener('open', () => window.__benchWs.push({ dir: 'open', at: now() }));
      this.addEventListener('message', (ev) => window.__benchWs.push({ dir: 'in', at: now(), msg: summary(ev.data) }));
    }
    send(data) {
      window.__benchWs.push({ dir: 'out', at: now(), msg: summary(data) });
      return super.send(data);
    }
  };

  // ---- the WebAudio microphone ----
  let mic;
  window.__benchOnsets = { local: [] };
  const DETECTOR = "class D extends AudioWorkletProcessor{constructor(o){super();this.th=o.processorOptions.threshold;this.quiet=0;this.minQuiet=o.processorOptions.minQuietFrames}process(inputs){const ch=inputs[0]&&inputs[0][0];if(!ch)return true;for(let i=0;i<ch.length;i++){const v=Math.abs(ch[i]);if(v>this.th){if(this.quiet>=this.minQuiet)this.port.postMessage(currentFrame+i);this.quiet=0}else this.quiet++}return true}}registerProcessor('bench-onset',D);";
  let detectorUrl;
  window.__benchAddDetector = async (ctx, node, onOnset) => {
    detectorUrl ??= URL.createObjectURL(new Blob([DETECTOR], { type: 'text/javascript' }));
    if (!ctx.__benchDetector) { await ctx.audioWorklet.addModule(detectorUrl); ctx.__benchDetector = true; }
    const det = new AudioWorkletNode(ctx, 'bench-onset', { processorOptions: { threshold: 0.05, minQuietFrames: Math.round(ctx.sampleRate * 0.15) } });
    det.port.onmessage = (ev) => {
      // The onset's frame → this clock: now, minus how far the context has rendered past it.
      onOnset(now() - (ctx.currentTime - ev.data / ctx.sampleRate) * 1000);
    };
    node.connect(det);
    const sink = ctx.createGain(); sink.gain.value = 0; det.connect(sink); sink.connect(ctx.destination);
    return det;
  };
  async function makeMic() {
    const mode = window.__benchMic || 'tone';
    const ctx = new AudioContext({ sampleRate: 48000 });
    await ctx.resume();
    const dest = ctx.createMediaStreamDestination();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 440;
    osc.connect(gain); gain.connect(dest);
    const t0 = ctx.currentTime + 0.1;
    if (mode === 'tone') gain.gain.value = 0.25;
    else if (mode === 'silence') gain.gain.value = 0;
    else if (mode === 'speech') {
      gain.gain.value = 0;
      for (let i = 0; i < 3000; i++) {
        const t = t0 + i * 0.2;
        gain.gain.setValueAtTime(i % 5 === 4 ? 0 : 0.1 + 0.15 * ((i * 7) % 3), t);
        osc.frequency.setValueAtTime(180 + ((i * 37) % 120), t);
      }
    } else if (mode === 'bursts') {
      gain.gain.value = 0;
      osc.frequency.value = 1000;
      for (let i = 0; i < 2400; i++) {
        const t = t0 + i * 0.5;
        gain.gain.setValueAtTime(0.5, t);
        gain.gain.setValueAtTime(0, t + 0.04);
      }
      await window.__benchAddDetector(ctx, gain, (t) => window.__benchOnsets.local.push(t));
    }
    osc.start();
    return { ctx, stream: dest.stream };
  }
  const nativeGum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    if (!constraints || !constraints.audio || window.__benchMic === 'device') return nativeGum(constraints);
    mic ??= makeMic();
    const { stream } = await mic;
    return new MediaStream(stream.getAudioTracks().map((t) => t.clone()));
  };
})();`;
