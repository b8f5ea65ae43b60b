// The WebRTC port and node capacity settings: defaults, the removed port range, bad values.
import { describe, expect, it } from 'vitest';
import { CAPACITY_DEFAULTS, ConfigError, loadConfig, nodeCapacity, validateConfig } from './config.js';

describe('loadConfig: media ports and node capacity', () => {
  it('defaults to port 40000 (worker i on 40000 + i) and a capacity that follows the workers', () => {
    const config = loadConfig({ VOXLAY_WORKERS: '3' });
    expect(config.rtcPort).toBe(40000);
    expect(config.maxParticipantsPerNode).toBeUndefined();
    expect(nodeCapacity(3)).toBe(3 * CAPACITY_DEFAULTS.participantsPerWorker);
    expect(nodeCapacity(64)).toBe(CAPACITY_DEFAULTS.maxParticipantsPerProcess);
  });

  it('reads VOXLAY_RTC_PORT (0 = free ports) and VOXLAY_MAX_PARTICIPANTS_PER_NODE', () => {
    expect(loadConfig({ VOXLAY_RTC_PORT: '0', VOXLAY_MAX_PARTICIPANTS_PER_NODE: '50' })).toMatchObject({
      rtcPort: 0,
      maxParticipantsPerNode: 50,
    });
    expect(loadConfig({ VOXLAY_RTC_PORT: '50000', VOXLAY_WORKERS: '4' })).toMatchObject({ rtcPort: 50000, numWorkers: 4 });
  });

  it('rejects bad values with a ConfigError naming them', () => {
    expect(() => loadConfig({ VOXLAY_RTC_PORT: '70000' })).toThrow(/VOXLAY_RTC_PORT/);
    expect(() => loadConfig({ VOXLAY_RTC_PORT: '-1' })).toThrow(/VOXLAY_RTC_PORT/);
    // The last worker's port must exist too.
    expect(() => loadConfig({ VOXLAY_RTC_PORT: '65535', VOXLAY_WORKERS: '2' })).toThrow(/rtcPort \(65535\).*65536/);
    expect(() => loadConfig({ VOXLAY_MAX_PARTICIPANTS_PER_NODE: '0' })).toThrow(/VOXLAY_MAX_PARTICIPANTS_PER_NODE/);
    expect(() => loadConfig({ VOXLAY_MAX_PARTICIPANTS_PER_NODE: 'many' })).toThrow(ConfigError);
  });

  it('stops on the removed port-range variables and names their replacement', () => {
    expect(() => loadConfig({ VOXLAY_RTC_MIN_PORT: '40000' })).toThrow(/VOXLAY_RTC_MIN_PORT was removed.*VOXLAY_RTC_PORT/);
    expect(() => loadConfig({ VOXLAY_RTC_MAX_PORT: '40999' })).toThrow(/VOXLAY_RTC_MAX_PORT was removed.*VOXLAY_RTC_PORT/);
    // startApp overrides from JavaScript callers that still pass the old fields.
    const legacy = { ...loadConfig({}), rtcMinPort: 40000, rtcMaxPort: 40999 };
    expect(() => validateConfig(legacy)).toThrow(/rtcMinPort was removed: set rtcPort/);
  });
});
