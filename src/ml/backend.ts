import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let chosen: Promise<string> | undefined;

/**
 * Picks TF.js's wasm backend with its binaries from `wasmDirectory` (a runtime URL or a local
 * folder, ending in "/"), else the plain JavaScript cpu backend. Once per process.
 */
export function initBackend(wasmDirectory: string): Promise<string> {
  chosen ??= (async () => {
    // The threaded build needs cross-origin isolation, which an extension page lacks: without this,
    // setBackend('wasm') never settles there.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(wasmDirectory);
    try {
      if (await tf.setBackend('wasm')) return 'wasm';
    } catch {
      // fall through to cpu
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return chosen;
}
