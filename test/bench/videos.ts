import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { exiftoolJson, haveExiftool } from '../helpers/photos';

/**
 * Video benchmark: a 500 MB iPhone MOV (the iPhone fixture with its mdat box grown by 500 MB of
 * zeros, so every chunk offset stays valid and the moov box, with the position, comes last as
 * phones write it) cleaned by Sera as `sera strip` does (read the metadata, copy, patch; bundled
 * with esbuild like the CLI, so no TypeScript is compiled while it runs) and by
 * ExifTool removing the same tags (`-gps:all= -xmp:all= -keys:all=`), each in its own process:
 * wall time and peak resident memory (VmHWM), then ExifTool judges both outputs.
 */

const FIXTURE = 'test/fixtures/videos/iphone-keys-iso6709.mov';
const PADDING = 500 * 1024 * 1024;

export interface VideoRun {
  readonly ms: number;
  readonly peakMb: number;
  readonly positionLeft: boolean;
}

export interface VideoBench {
  readonly sizeMb: number;
  /** Inside Sera's process: reading the metadata and making the patches, then copying and patching. */
  readonly seraSteps: { readonly cleanMs: number; readonly writeMs: number };
  readonly sera: VideoRun;
  readonly exiftool: VideoRun;
}

/** Runs a command, sampling its peak resident memory from /proc until it exits. */
export function measured(command: string, args: string[]): Promise<{ ms: number; peakMb: number; code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let peakKb = 0;
    const sample = () => {
      try {
        const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (match) peakKb = Math.max(peakKb, Number(match[1]));
      } catch {
        // the process has just exited
      }
    };
    const timer = setInterval(sample, 5);
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, peakMb: peakKb / 1024, code, stdout });
    });
  });
}

/** The fixture with `PADDING` zero bytes appended to its mdat box, written in 8 MB steps. */
function writeLargeVideo(path: string): number {
  const bytes = readFileSync(FIXTURE);
  let at = 0;
  while (bytes.toString('latin1', at + 4, at + 8) !== 'mdat') at += bytes.readUInt32BE(at);
  const mdatEnd = at + bytes.readUInt32BE(at);
  const head = Buffer.from(bytes.subarray(0, mdatEnd));
  head.writeUInt32BE(mdatEnd - at + PADDING, at);
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const zeros = Buffer.alloc(8 * 1024 * 1024);
  for (let left = PADDING; left > 0; left -= zeros.length) writeSync(fd, zeros, 0, Math.min(left, zeros.length));
  writeSync(fd, bytes.subarray(mdatEnd));
  closeSync(fd);
  return head.length + PADDING + bytes.length - mdatEnd;
}

const positionLeft = (file: string) =>
  Object.keys(exiftoolJson([file])[0] ?? {}).some((key) => /:(?:GPS\w*|Location\w*)$/.test(key) && !/^(?:File|System):/.test(key));

export async function benchVideos(log: (line: string) => void): Promise<VideoBench | undefined> {
  if (!haveExiftool) {
    log('video benchmark skipped: exiftool is not installed');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sera-video-bench-'));
  try {
    const input = join(dir, 'large.mov');
    const size = writeLargeVideo(input);
    spawnSync('cat', [input], { stdio: 'ignore' }); // both tools start from a warm page cache
    const seraOut = join(dir, 'sera.mov');
    const exiftoolOut = join(dir, 'exiftool.mov');
    const cleaner = join(dir, 'video-clean.mjs');
    buildSync({ entryPoints: ['test/bench/video-clean.ts'], bundle: true, platform: 'node', format: 'esm', outfile: cleaner, logLevel: 'error' });
    const sera = await measured(process.execPath, [cleaner, input, seraOut]);
    const exiftool = await measured('exiftool', ['-q', '-gps:all=', '-xmp:all=', '-keys:all=', '-o', exiftoolOut, input]);
    const seraSteps = JSON.parse(sera.stdout || '{}') as { cleanMs: number; writeMs: number };
    const result: VideoBench = {
      sizeMb: size / 2 ** 20,
      seraSteps: { cleanMs: seraSteps.cleanMs, writeMs: seraSteps.writeMs },
      sera: { ms: sera.ms, peakMb: sera.peakMb, positionLeft: sera.code !== 0 || positionLeft(seraOut) },
      exiftool: { ms: exiftool.ms, peakMb: exiftool.peakMb, positionLeft: exiftool.code !== 0 || positionLeft(exiftoolOut) },
    };
    for (const [name, run] of [['Sera', result.sera], ['ExifTool', result.exiftool]] as const) {
      log(`video, ${result.sizeMb.toFixed(0)} MB MOV: ${name.padEnd(8)} ${run.ms.toFixed(0)} ms (${(result.sizeMb / (run.ms / 1000)).toFixed(0)} MB/s), ` +
        `peak memory ${run.peakMb.toFixed(0)} MB, position left: ${run.positionLeft ? 'yes' : 'no'}`);
    }
    log(`  Sera's steps: metadata read and patches made in ${seraSteps.cleanMs.toFixed(1)} ms, copy and patch ${seraSteps.writeMs.toFixed(0)} ms ` +
      '(in the browser there is no copy: the cleaned Blob is slices of the original)');
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
