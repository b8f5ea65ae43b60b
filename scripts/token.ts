// Mints a Voxlay access token (JWT) with the server's own key configuration (same environment):
//   npm run token -- --sub alice --name Alice --channels <id|name|*>[,...] --rights join,publish,subscribe[,create][,record][,admin] --ttl 1h
// HS256 with VOXLAY_JWT_SECRET, or EdDSA with VOXLAY_JWT_PRIVATE_KEY (PEM PKCS#8 or JWK file);
// VOXLAY_JWT_ISSUER / VOXLAY_JWT_AUDIENCE are set as iss / aud. Prints the token on stdout.
// `--generate-keys <dir>` writes a new Ed25519 pair (voxlay-jwt.private.pem, voxlay-jwt.public.pem).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { ConfigError, loadConfig, type ServerConfig } from '../server/src/config.js';
import { mintToken, RIGHTS, type Right } from '../server/src/auth/tokens.js';

const USAGE = `usage: npm run token -- --sub <id> [--name <display name>] --channels <id|name|*>[,...] \\
         --rights join,publish,subscribe[,create][,record][,admin] [--ttl 1h]
       npm run token -- --generate-keys <dir>

--ttl: seconds, or a number with s, m, h or d (default 1h). The key comes from the server's environment:
VOXLAY_JWT_SECRET (HS256) or VOXLAY_JWT_PRIVATE_KEY (EdDSA); VOXLAY_JWT_ISSUER / VOXLAY_JWT_AUDIENCE when set.`;

function fail(message: string): never {
  console.error(`token: ${message}\n\n${USAGE}`);
  process.exit(2);
}

export function parseTtl(raw: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  if (!match) fail(`--ttl ${JSON.stringify(raw)} must be like 90, 15m, 1h or 7d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1 || seconds > 366 * 86400) fail('--ttl must be between 1 second and 366 days');
  return seconds;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      name: { type: 'string' },
      channels: { type: 'string' },
      rights: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      'generate-keys': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values['generate-keys'] !== undefined) {
    const dir = values['generate-keys'];
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const privateFile = join(dir, 'voxlay-jwt.private.pem');
    const publicFile = join(dir, 'voxlay-jwt.public.pem');
    writeFileSync(privateFile, `${await exportPKCS8(privateKey)}\n`, { mode: 0o600, flag: 'wx' });
    writeFileSync(publicFile, `${await exportSPKI(publicKey)}\n`, { flag: 'wx' });
    console.error(`wrote ${privateFile} (keep it secret: it mints tokens) and ${publicFile} (VOXLAY_JWT_PUBLIC_KEY)`);
    return;
  }
  if (!values.sub) fail('--sub is required');
  if (!values.channels) fail('--channels is required (channel ids or names, comma separated, or *)');
  if (!values.rights) fail('--rights is required');
  const rights = values.rights
    .split(',')
    .map((right) => right.trim())
    .filter(Boolean);
  for (const right of rights) {
    if (!(RIGHTS as readonly string[]).includes(right)) fail(`unknown right ${JSON.stringify(right)} (rights: ${RIGHTS.join(', ')})`);
  }
  const channelList = values.channels
    .split(',')
    .map((channel) => channel.trim())
    .filter(Boolean);
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`invalid configuration: ${error.message}`);
    throw error;
  }
  if (config.jwtSecret === undefined && config.jwtPrivateKeyFile === undefined) {
    fail('set VOXLAY_JWT_SECRET (HS256) or VOXLAY_JWT_PRIVATE_KEY (EdDSA private key file) as for the server');
  }
  const ttlSeconds = parseTtl(values.ttl);
  const token = await mintToken(config, {
    subject: values.sub,
    name: values.name,
    channels: channelList.includes('*') ? '*' : channelList,
    rights: rights as Right[],
    ttlSeconds,
  });
  console.log(token);
  console.error(`token for ${values.sub}: channels ${channelList.join(',')}, rights ${rights.join(',')}, expires in ${ttlSeconds} s`);
}

main().catch((error: unknown) => {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
