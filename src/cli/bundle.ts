// `npm run build:cli`: bundles the CLI into src/cli/dist, the folder its npm package ships.
import { build } from 'esbuild';
import { cp, mkdir, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Builds dist/sera.js. The file is replaced in one rename, so a `sera` started meanwhile runs whole. */
export async function bundleCli(): Promise<void> {
  const result = await build({
    entryPoints: [here('./sera.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    write: false,
    legalComments: 'none',
    // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __seraRequire } from 'node:module';\nconst require = __seraRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const dist = here('./dist/');
  await mkdir(dist, { recursive: true });
  await cp(here('./templates/'), `${dist}templates/`, { recursive: true });
  const temporary = `${dist}sera.js.${process.pid}`;
  await writeFile(temporary, result.outputFiles[0]!.contents, { mode: 0o755 });
  await rename(temporary, `${dist}sera.js`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
