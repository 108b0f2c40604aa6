// Runs each TF.js model of models.json with pure-JS TF.js (cpu backend) on (1) a deterministic
// input from mulberry32(seed) in the model's input range and (2) a real photo preprocessed as the
// runtime does, and writes inputs and outputs as little-endian float32 files plus meta.json.
// The Java ParityCheck runs the converted ONNX files on the same inputs.
//
// usage: node reference.mjs SCRATCH_DIR   (SCRATCH_DIR holds node_modules and gets ref/)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const scratch = path.resolve(process.argv[2]);
const require = createRequire(path.join(scratch, 'package.json'));
const tf = require('@tensorflow/tfjs');
const jpeg = require('jpeg-js');
const here = path.dirname(new URL(import.meta.url).pathname);
const config = JSON.parse(fs.readFileSync(path.join(here, 'models.json'), 'utf8'));
const SEED = 20240604;
const IMAGE = path.join(scratch, 'node_modules/@vladmandic/face-api/demo/sample1.jpg');

/** mulberry32: the same generator is in ParityInputs.java. */
export function mulberry32(seed) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ioHandler(modelJsonPath) {
  return {
    load: async () => {
      const j = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
      const dir = path.dirname(modelJsonPath);
      const bufs = j.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
      const all = Buffer.concat(bufs);
      return {
        modelTopology: j.modelTopology, format: j.format, generatedBy: j.generatedBy, convertedBy: j.convertedBy,
        weightSpecs: j.weightsManifest.flatMap((g) => g.weights),
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.length),
        userDefinedMetadata: j.userDefinedMetadata, signature: j.signature,
      };
    },
  };
}

function write(file, data) {
  const f32 = Float32Array.from(data);
  fs.writeFileSync(file, Buffer.from(f32.buffer));
}

function imageInput(m) {
  const raw = jpeg.decode(fs.readFileSync(IMAGE), { useTArray: true, formatAsRGBA: false });
  return tf.tidy(() => {
    const rgb = tf.tensor3d(raw.data, [raw.height, raw.width, 3], 'int32').toFloat().expandDims(0);
    let x = tf.image.resizeBilinear(rgb, [m.image.size, m.image.size]);
    if (m.image.gray) x = tf.sum(tf.mul(x, tf.tensor1d([0.2989, 0.5870, 0.1140])), 3, true);
    return tf.add(tf.mul(x, m.image.scale), m.image.offset);
  });
}

async function main() {
  await tf.setBackend('cpu');
  const refDir = path.join(scratch, 'ref');
  fs.mkdirSync(refDir, { recursive: true });
  for (const m of config.models) {
    if (m.format === 'onnx') continue;
    const modelJson = m.format === 'tfjs-minjs' ? path.join(scratch, 'extracted', m.name, 'model.json') : path.join(scratch, 'node_modules', m.modelJson);
    const model = await tf.loadGraphModel(ioHandler(modelJson));
    const dir = path.join(refDir, m.name);
    fs.mkdirSync(dir, { recursive: true });
    const shape = m.inputShape.map((d) => (d < 0 ? 1 : d));
    const count = shape.reduce((a, b) => a * b, 1);
    const rnd = mulberry32(SEED);
    const [lo, hi] = m.inputRange;
    const randomData = new Float32Array(count);
    for (let i = 0; i < count; i++) randomData[i] = lo + (hi - lo) * rnd();
    const inputs = { random: tf.tensor(randomData, shape), image: imageInput(m) };
    const meta = { name: m.name, seed: SEED, inputShape: shape, inputRange: m.inputRange, image: path.basename(IMAGE), inputs: {}, outputs: {} };
    const tfNames = m.outputs.map((o) => o.split('=')[0]);
    const aliases = m.outputs.map((o) => o.split('=')[1]);
    for (const [key, x] of Object.entries(inputs)) {
      write(path.join(dir, `${key}.input.f32`), await x.data());
      meta.inputs[key] = `${key}.input.f32`;
      let outs = model.execute(x, tfNames);
      if (!Array.isArray(outs)) outs = [outs];
      for (let i = 0; i < outs.length; i++) {
        write(path.join(dir, `${key}.${aliases[i]}.f32`), await outs[i].data());
        meta.outputs[aliases[i]] = outs[i].shape;
      }
      tf.dispose(outs);
    }
    fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 1));
    console.error(`${m.name}: outputs ${JSON.stringify(meta.outputs)}`);
    tf.dispose(Object.values(inputs));
    model.dispose();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
