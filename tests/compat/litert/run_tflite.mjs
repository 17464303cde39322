// Runs .tflite files in TensorFlow Lite's own runtime: LiteRT.js (@litertjs/core, LiteRT compiled to
// WebAssembly with XNNPACK), CPU, single thread, fully offline (the .wasm files come from node_modules).
//
//   node run_tflite.mjs MODEL.tflite IN.f32 OUT.f32 [MODEL2 IN2 OUT2 ...]
//
// IN.f32: every input of the model as raw little-endian float32, back to back, in the model's input order
// (subgraph 0's `inputs`). UINT8/INT8/INT16 inputs are quantized on the way in as round(x/scale)+zero_point,
// clamped, in float32 arithmetic with JavaScript's Math.round (ties toward +infinity) — the convention that
// reproduces the goldens in ../shared/fixtures bit for bit (ties occur: x*128 for scale 1/128).
// OUT.f32: output 0 of the model as raw float32, dequantized as (q-zero_point)*scale when it is an integer.
// Several MODEL IN OUT triples share one LiteRT start-up. A triple that fails prints one line
// "run_tflite: MODEL: message" on stderr (the others still run) and the exit status is 1.
//
// LiteRT.js exposes neither the quantization parameters nor INT8 tensors through its public API (its
// TensorDetails carry name, dtype float32|int32|uint8 and shape), so this script reads scale, zero point
// and input order from the .tflite file itself (a minimal FlatBuffers reader below) and drives the same
// embind objects the public API wraps (loadModel, compileModel, LiteRtTensorBuffer, CompiledModel.run).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.join(here, 'node_modules', '@litertjs', 'core', 'wasm');

// ---- minimal FlatBuffers reader for the parts of TensorFlow Lite's schema used here ----
class Fb {
  constructor(bytes) {
    this.b = bytes;
    this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(p) { return this.v.getUint8(p); }
  u16(p) { return this.v.getUint16(p, true); }
  i32(p) { return this.v.getInt32(p, true); }
  u32(p) { return this.v.getUint32(p, true); }
  root() { return this.u32(0); }
  field(table, id) {  // absolute position of field `id` of the table at `table`, or 0 when absent
    const vt = table - this.i32(table);
    const off = 4 + 2 * id;
    if (off >= this.u16(vt)) return 0;
    const rel = this.u16(vt + off);
    return rel ? table + rel : 0;
  }
  deref(p) { return p + this.u32(p); }
  table(t, id) { const p = this.field(t, id); return p ? this.deref(p) : 0; }
  vec(t, id) {  // {start, length} of a vector field; length 0 when absent
    const p = this.field(t, id);
    if (!p) return {start: 0, length: 0};
    const v = this.deref(p);
    return {start: v + 4, length: this.u32(v)};
  }
  tables(t, id) {
    const {start, length} = this.vec(t, id);
    return Array.from({length}, (_, i) => this.deref(start + 4 * i));
  }
  ints(t, id) {
    const {start, length} = this.vec(t, id);
    return Array.from({length}, (_, i) => this.i32(start + 4 * i));
  }
  str(t, id) {
    const {start, length} = this.vec(t, id);
    return length ? new TextDecoder().decode(this.b.subarray(start, start + length)) : '';
  }
  scalar(t, id, kind, dflt) {
    const p = this.field(t, id);
    if (!p) return dflt;
    return kind === 'u8' ? this.u8(p) : kind === 'u32' ? this.u32(p) : this.i32(p);
  }
}

// TensorFlow Lite TensorType -> [name, TypedArray, lowest, highest] for the types fed or read here
// (LiteRT's ElementType numbers these types the same way, except FLOAT32 = 1).
const TYPES = {0: ['FLOAT32', Float32Array], 2: ['INT32', Int32Array], 3: ['UINT8', Uint8Array, 0, 255],
               7: ['INT16', Int16Array, -32768, 32767], 9: ['INT8', Int8Array, -128, 127]};
const elementTypeOf = (tfliteType) => (tfliteType === 0 ? 1 : tfliteType);

function describeModel(bytes) {
  const fb = new Fb(bytes);
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(4, 8)) !== 'TFL3') {
    throw new Error('no TFL3 identifier');
  }
  const model = fb.root();
  const subgraph = fb.tables(model, 2)[0];
  if (!subgraph) throw new Error('the model has no subgraph');
  const tensors = fb.tables(subgraph, 0).map((t) => {
    const q = fb.table(t, 4);
    const scale = q ? fb.vec(q, 2) : {length: 0};
    const zero = q ? fb.vec(q, 3) : {length: 0};
    return {
      name: fb.str(t, 3),
      type: fb.scalar(t, 1, 'u8', 0),
      shape: fb.ints(t, 0),
      scale: scale.length ? fb.v.getFloat32(scale.start, true) : 1,
      zeroPoint: zero.length ? Number(fb.v.getBigInt64(zero.start, true)) : 0,
    };
  });
  const signatures = fb.tables(model, 7).map((s) => {
    const map = (id) => new Map(fb.tables(s, id).map((m) => [fb.str(m, 0), fb.scalar(m, 1, 'u32', 0)]));
    return {inputs: map(0), outputs: map(1), subgraph: fb.scalar(s, 4, 'u32', 0)};
  });
  return {tensors, inputs: fb.ints(subgraph, 1), outputs: fb.ints(subgraph, 2),
          signature: signatures.find((s) => s.subgraph === 0)};
}

// The subgraph tensor behind LiteRT's signature input/output `name` (position i as the last resort).
function tensorOf(desc, name, i, kind) {
  const sigMap = desc.signature?.[kind];
  if (sigMap?.has(name)) return sigMap.get(name);
  const list = desc[kind];
  return list.find((t) => desc.tensors[t].name === name) ?? list[i];
}

const numElements = (shape) => shape.reduce((a, b) => a * b, 1);
const roundHalfUp = (x) => Math.round(x);  // JavaScript rounding: ties toward +infinity

// ---- LiteRT.js start-up, offline ----
// The package's loader (@litertjs/wasm-utils) runs the Emscripten script with importScripts() (a worker)
// or a <script> tag (a page); in Node we provide importScripts() that runs the file from node_modules,
// and a Module object whose locateFile() points the .wasm fetch at the same folder. Log lines go to a
// buffer, quoted only when something fails.
const logs = [];
async function startLiteRt() {
  if (!fs.existsSync(wasmDir)) throw new Error(`${wasmDir} is missing: run npm ci in ${here}`);
  globalThis.self = globalThis;
  globalThis.require = createRequire(import.meta.url);
  globalThis.importScripts = (script) => {
    const file = String(script);
    globalThis.__filename = file;
    globalThis.__dirname = path.dirname(file);
    vm.runInThisContext(fs.readFileSync(file, 'utf8'), {filename: file});
  };
  // No WebGPU here: an adapter-less navigator.gpu makes LiteRT.js settle for CPU/WASM quietly.
  if (!globalThis.navigator) globalThis.navigator = {};
  globalThis.navigator.gpu = {requestAdapter: async () => null};
  const keep = (line) => { logs.push(String(line)); if (logs.length > 200) logs.shift(); };
  globalThis.Module = {locateFile: (file) => path.join(wasmDir, file), print: keep, printErr: keep};
  const warn = console.warn;
  console.warn = (...args) => keep(args.join(' '));
  try {
    const litert = await import('@litertjs/core');
    return await litert.loadLiteRt(wasmDir + path.sep, {threads: false, jspi: false});
  } finally {
    console.warn = warn;
  }
}

function lastError() {
  const e = logs.filter((l) => /ERROR|error/.test(l)).pop();
  return e ? ` (LiteRT: ${e.trim()})` : '';
}

async function runOne(liteRt, modelPath, inPath, outPath) {
  const w = liteRt.liteRtWasm;
  const env = liteRt.getDefaultEnvironment();
  const bytes = new Uint8Array(fs.readFileSync(modelPath));
  let desc;
  try {
    desc = describeModel(bytes);
  } catch (e) {
    throw new Error(`malformed .tflite file: ${e.message}`);
  }
  const inRaw = fs.readFileSync(inPath);
  const values = new Float32Array(inRaw.buffer.slice(inRaw.byteOffset, inRaw.byteOffset + inRaw.byteLength));
  // Offsets of each model input in the input file (model input order).
  const offsets = new Map();
  let total = 0;
  for (const t of desc.inputs) {
    offsets.set(t, total);
    total += numElements(desc.tensors[t].shape);
  }
  if (inRaw.byteLength !== 4 * total) {
    throw new Error(`${inPath} has ${inRaw.byteLength} bytes; the model's inputs take ${total} float32 values`);
  }

  const owned = [];  // embind objects and heap memory to free
  const modelPtr = w._malloc(bytes.byteLength);
  w.HEAPU8.set(bytes, modelPtr);
  try {
    const model = w.loadModel(env.liteRtEnvironment, modelPtr, bytes.byteLength);
    owned.push(model);
    const compiled = await w.compileModel(env.liteRtEnvironment, model, {
      environment: env, accelerator: 'wasm', cpuOptions: {numThreads: 1}, gpuOptions: {}, webNNOptions: {},
    });
    owned.push(compiled);
    const signature = model.getSignature(0);
    owned.push(signature);
    const vecToArray = (v) => Array.from({length: v.size()}, (_, i) => v.get(i));
    const inputNames = vecToArray(signature.inputNames());
    const outputNames = vecToArray(signature.outputNames());

    const buffers = inputNames.map((name, i) => {
      const t = desc.tensors[tensorOf(desc, name, i, 'inputs')];
      const type = model.getInputTensorType(0, i);
      owned.push(type);
      const info = TYPES[t.type];
      if (!info) throw new Error(`input '${name}' has TensorType ${t.type}, which this script does not feed`);
      if (type.elementType().value !== elementTypeOf(t.type)) {
        const seen = type.elementType().value;
        throw new Error(`input '${name}': LiteRT sees element type ${seen}, the file says ${info[0]}`);
      }
      const n = numElements(t.shape);
      const start = offsets.get(tensorOf(desc, name, i, 'inputs'));
      const src = values.subarray(start, start + n);
      const data = new info[1](n);
      if (info[0] === 'FLOAT32') {
        data.set(src);
      } else if (info[2] !== undefined) {
        for (let k = 0; k < n; ++k) {
          const q = roundHalfUp(Math.fround(src[k] / t.scale)) + t.zeroPoint;
          data[k] = Math.min(info[3], Math.max(info[2], q));
        }
      } else {
        throw new Error(`input '${name}' is ${info[0]}; only float and quantized integer inputs are fed`);
      }
      // The buffer's type carries the file's concrete shape (as `new Tensor(data, shape)` does): the model's
      // own type may have dynamic (-1) dimensions from shape_signature.
      const dims = new w.VectorInt32();
      for (const d of t.shape) dims.push_back(d);
      const layout = w.LiteRtLayout.create(dims);
      dims.delete();
      const concrete = w.LiteRtRankedTensorType.create({value: elementTypeOf(t.type)}, layout);
      layout.delete();
      owned.push(concrete);
      if (concrete.bytes() !== data.byteLength) {
        throw new Error(`input '${name}': ${concrete.bytes()} bytes expected, ${data.byteLength} prepared`);
      }
      const buffer = w.LiteRtTensorBuffer.createManaged(env.liteRtEnvironment,
          w.LiteRtTensorBufferType.HOST_MEMORY, concrete, data.byteLength);
      owned.push(buffer);
      const ptr = buffer.lock(w.LiteRtTensorBufferLockMode.WRITE);
      w.HEAPU8.set(new Uint8Array(data.buffer), ptr);
      buffer.unlock();
      return buffer;
    });

    const outputs = await compiled.run(0, buffers);
    owned.push(...outputs);
    const want = desc.outputs[0];
    const o = outputNames.findIndex((name, i) => tensorOf(desc, name, i, 'outputs') === want);
    if (o < 0) throw new Error(`output 0 (tensor ${want}) is not among LiteRT's signature outputs`);
    const t = desc.tensors[want];
    const info = TYPES[t.type];
    if (!info) throw new Error(`output 0 has TensorType ${t.type}, which this script does not read`);
    const out = outputs[o];
    const ptr = out.lock(w.LiteRtTensorBufferLockMode.READ);
    const raw = w.HEAPU8.slice(ptr, ptr + out.packedSize());
    out.unlock();
    const q = new info[1](raw.buffer, 0, raw.byteLength / info[1].BYTES_PER_ELEMENT);
    const result = new Float32Array(q.length);
    if (info[0] === 'FLOAT32' || info[0] === 'INT32') {
      result.set(q);
    } else {
      for (let k = 0; k < q.length; ++k) result[k] = Math.fround((q[k] - t.zeroPoint) * t.scale);
    }
    fs.writeFileSync(outPath, new Uint8Array(result.buffer));
  } finally {
    for (const obj of owned.reverse()) obj.delete?.();
    w._free(modelPtr);
  }
}

async function main(args) {
  if (args.length === 0 || args.length % 3 !== 0) {
    throw new Error('usage: node run_tflite.mjs MODEL.tflite IN.f32 OUT.f32 [MODEL IN OUT ...]');
  }
  const liteRt = await startLiteRt();
  let failed = 0;
  for (let i = 0; i < args.length; i += 3) {
    logs.length = 0;
    try {
      await runOne(liteRt, args[i], args[i + 1], args[i + 2]);
    } catch (e) {
      ++failed;
      const message = String(e?.message ?? e).split('\n')[0];
      process.stderr.write(`run_tflite: ${args[i]}: ${message}${lastError()}\n`);
    }
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`run_tflite: ${String(e?.message ?? e).split('\n')[0]}${lastError()}\n`);
  process.exitCode = 1;
}
