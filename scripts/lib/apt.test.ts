import { describe, expect, it } from 'vitest';
import { aptInstallLine, hasCommand, installedVersions, missingPackages, packagesWithoutCandidate } from './apt.mjs';

describe('aptInstallLine()', () => {
  it('gives the options aptInstall uses, with sudo unless asked not to', () => {
    expect(aptInstallLine(['chromium', 'coturn'])).toBe('sudo apt-get install -y --no-install-recommends chromium coturn');
    expect(aptInstallLine(['coturn'], { sudo: false, reinstall: true })).toBe(
      'apt-get install -y --no-install-recommends --reinstall coturn',
    );
  });
});

describe('packagesWithoutCandidate()', () => {
  it('finds packages unknown to the lists or without a candidate', () => {
    const policy = [
      'chromium:',
      '  Installed: 150.0.7871.100-1~deb12u1',
      '  Candidate: 150.0.7871.100-1~deb12u1',
      '  Version table:',
      ' *** 150.0.7871.100-1~deb12u1 500',
      '        500 http://deb.debian.org/debian bookworm/main amd64 Packages',
      'coturn:',
      '  Installed: (none)',
      '  Candidate: (none)',
      '  Version table:',
      '',
    ].join('\n');
    // redis-server is not in the output at all: a machine whose package lists were never fetched.
    expect(packagesWithoutCandidate(policy, ['chromium', 'coturn', 'redis-server'])).toEqual(['coturn', 'redis-server']);
    expect(packagesWithoutCandidate('', ['chromium'])).toEqual(['chromium']);
  });
});

describe.runIf(hasCommand('dpkg-query'))('installedVersions() on this Debian machine', () => {
  it('gives the version of an installed package and nothing for an unknown one', () => {
    const versions = installedVersions(['dpkg', 'voxlay-no-such-package']);
    expect(versions.get('dpkg')).toMatch(/^\d/);
    expect(versions.get('voxlay-no-such-package')).toBe('');
    expect(missingPackages(['dpkg', 'voxlay-no-such-package'])).toEqual(['voxlay-no-such-package']);
  });
});
