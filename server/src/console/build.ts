// `npm run build -w server` runs this after tsc: GraphiQL's files cut once into dist/graphiql (skipped
// when they are already there for the installed @graphql-yoga/render-graphiql), so a server never
// builds them at run time. Usage: node dist/console/build.js [outDir] (default dist/graphiql)
import { buildConsoleAssets, consoleSource, readConsoleManifest } from './buildConsoleAssets.js';
import { defaultConsoleDir } from './GraphiQLConsole.js';

const outDir = process.argv[2] ?? defaultConsoleDir();
if (outDir === undefined) throw new Error('no output directory: pass one');
const source = await consoleSource();
if (await readConsoleManifest(outDir, source.id)) {
  console.log(`console assets in ${outDir} are up to date (${source.id})`);
} else {
  const started = performance.now();
  const manifest = await buildConsoleAssets(outDir);
  console.log(
    `console assets written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${Object.values(manifest.files).join(', ')}`,
  );
}
