import { build } from 'esbuild';

/** Bundles a browser entry file (and everything it imports) into one ES module, in memory. */
export async function bundleBrowserEntry(entryPath: string): Promise<string> {
  const result = await build({
    entryPoints: [entryPath],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    sourcemap: 'inline',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"test"' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entryPath}`);
  return file.text;
}
