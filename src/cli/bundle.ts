// `npm run build:cli`: bundles the CLI into src/cli/dist, the folder its npm package ships.
import { build } from 'esbuild';
import { chmod, cp, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Builds dist/sera.js and the chunks each command loads when it runs (split, so that help, --version
 * and pack commands do not parse the photo and engine code). The new folder replaces the old one by
 * rename, so a `sera` started meanwhile finds a whole set of files.
 */
export async function bundleCli(): Promise<void> {
  const dist = here('./dist');
  const next = `${dist}.${process.pid}`;
  await build({
    entryPoints: { sera: here('./sera.ts') },
    outdir: next,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
    banner: { js: "import { createRequire as __seraRequire } from 'node:module';\nconst require = __seraRequire(import.meta.url);" },
    logLevel: 'error',
    // `sera scan` loads these at run time with their wasm and worker script from node_modules (the
    // models and OCR language data are the copy of public/ml below).
    external: ['@tensorflow/*', 'tesseract.js'],
  });
  await chmod(`${next}/sera.js`, 0o755);
  await cp(here('./templates/'), `${next}/templates/`, { recursive: true });
  await cp(here('../../public/ml/'), `${next}/ml/`, { recursive: true });
  const previous = `${dist}.old.${process.pid}`;
  await rename(dist, previous).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(next, dist);
  await rm(previous, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundleCli();
