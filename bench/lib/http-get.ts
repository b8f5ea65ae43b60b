import { request } from 'node:http';

export interface GetResult {
  status: number;
  bytes: number;
  /** The body of an uncompressed HTML answer (the console page), else undefined. */
  body: string | undefined;
}

/** GET with its own connection (a browser's first load); resolves with the status and bytes received. */
export function get(url: string, headers: Record<string, string>): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      let bytes = 0;
      const keep = (res.headers['content-type'] ?? '').includes('text/html') && !res.headers['content-encoding'];
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keep) chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, body: keep ? Buffer.concat(chunks).toString() : undefined }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject).end();
  });
}
