import { describe, expect, it } from 'vitest';
import { RemoteParticipant } from './RemoteParticipant';

const alice = () => new RemoteParticipant({ id: 'a', displayName: 'Alice', muted: false });

describe('RemoteParticipant streams', () => {
  it('lists the streams it starts and marks it LIVE (screen) and camera on, before the state event says so', () => {
    const p = alice();
    expect(p.addStream('s1', 'SCREEN')).toBe(true);
    expect(p.addStream('c1', 'CAMERA', ['b'])).toBe(true);
    expect(p.addStream('m1', 'MICROPHONE')).toBe(false); // a microphone is heard through last-N, not watched
    expect(p.addStream('s1', 'SCREEN')).toBe(false);
    const snapshot = p.snapshot();
    expect({ live: snapshot.live, cameraOn: snapshot.cameraOn }).toEqual({ live: true, cameraOn: true });
    expect(snapshot.streams).toEqual([
      { producerId: 's1', participantId: 'a', source: 'screen', viewerIds: [] },
      { producerId: 'c1', participantId: 'a', source: 'camera', viewerIds: ['b'] },
    ]);
  });

  it('follows who watches a stream, and says when nothing changed', () => {
    const p = alice();
    p.addStream('s1', 'SCREEN');
    expect(p.setViewers('s1', ['b', 'c'])).toBe(true);
    expect(p.setViewers('s1', ['b', 'c'])).toBe(false);
    expect(p.setViewers('unknown', ['b'])).toBe(false);
    expect(p.stream('s1')?.viewerIds).toEqual(['b', 'c']);
  });

  it('drops a stopped stream and its badge; the screen sound does not make it LIVE', () => {
    const p = alice();
    p.addStream('s1', 'SCREEN');
    p.addStream('a1', 'SCREEN_AUDIO');
    expect(p.streamOf('screen-audio')?.producerId).toBe('a1');
    expect(p.removeStream('s1')).toBe(true);
    expect(p.removeStream('s1')).toBe(false);
    expect(p.snapshot().live).toBe(false);
    expect(p.snapshot().streams?.map((s) => s.source)).toEqual(['screen-audio']);
  });

  it('takes live and cameraOn from ParticipantStateChanged', () => {
    const p = alice();
    expect(p.setState({ live: true })).toBe(true);
    expect(p.setState({ live: true })).toBe(false);
    expect(p.setState({ cameraOn: true })).toBe(true);
    expect({ live: p.live, cameraOn: p.cameraOn }).toEqual({ live: true, cameraOn: true });
  });
});
