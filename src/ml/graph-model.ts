import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';

/** Reads one of the extension's (or the checkout's) model files by name, never from the network. */
export type ReadModelFile = (name: string) => Promise<Uint8Array>;

interface ModelJson {
  readonly modelTopology: object;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: tf.io.WeightsManifestEntry[] }[];
}

/** Loads a TF.js graph model (model.json + weight shards) through `read`, from memory. */
export async function loadModel(read: ReadModelFile, jsonName: string): Promise<GraphModel> {
  const json = JSON.parse(new TextDecoder().decode(await read(jsonName))) as ModelJson;
  const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths.map((path) => read(path))));
  const weightData = new Uint8Array(shards.reduce((sum, shard) => sum + shard.byteLength, 0));
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.byteLength;
  }
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  return loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData: weightData.buffer }));
}
