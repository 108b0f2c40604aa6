#!/usr/bin/python3
"""Writes models/manifest.json from models.json, the converted files, the reference run's meta.json
files and ParityCheck's results. Also copies each model's reference output on the deterministic
input into src/test/resources/parity/ (small) so `mvn verify` re-checks parity without npm.

usage: write-manifest.py SCRATCH_DIR MODELS_DIR
"""
import hashlib
import json
import os
import re
import shutil
import sys

import onnx

scratch, models_dir = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
config = json.load(open(os.path.join(here, 'models.json')))
lock = json.load(open(os.path.join(here, 'package-lock.json')))
parity = json.load(open(os.path.join(scratch, 'parity.json')))
test_parity = os.path.join(models_dir, 'src/test/resources/parity')


def dims(value_info):
    return [d.dim_value if d.HasField('dim_value') else -1 for d in value_info.type.tensor_type.shape.dim]


entries = []
for m in config['models']:
    rel = f"onnx/{m['name']}.onnx"
    path = os.path.join(models_dir, rel)
    model = onnx.load(path)
    inits = {i.name for i in model.graph.initializer}
    inputs = {i.name: dims(i) for i in model.graph.input if i.name not in inits}
    outputs = {o.name: dims(o) for o in model.graph.output}
    e = {
        'name': m['name'], 'task': m['task'], 'file': rel,
        'sourcePackage': 'npm:' + m['package'],
        'sourceVersion': lock['packages']['node_modules/' + m['package']]['version'],
        'sourceFile': m.get('modelJson') or m.get('onnx'),
        'licence': m['licence'],
        'sha256': hashlib.sha256(open(path, 'rb').read()).hexdigest(),
        'bytes': os.path.getsize(path),
        'inputs': inputs, 'outputs': outputs,
        'preprocessing': m['preprocessing'],
    }
    if m['format'] == 'onnx':
        e['conversion'] = 'none: the package ships ONNX; copied byte for byte'
        e['parityMaxAbsDiff'] = None  # nothing converted, nothing to compare
    else:
        meta = json.load(open(os.path.join(scratch, 'ref', m['name'], 'meta.json')))
        e['outputs'] = {k: [-1 if (i == 0 and m['inputShape'][0] < 0) else d for i, d in enumerate(s)]
                        for k, s in meta['outputs'].items()}
        weight_types = sorted({onnx.TensorProto.DataType.Name(i.data_type) for i in model.graph.initializer if len(i.dims) > 1})
        e['conversion'] = f"models/build/tfjs2onnx.py, opset {model.opset_import[0].version}, conv/matmul weights stored as {'+'.join(weight_types)}"
        p = parity[m['name']]
        e['parityMaxAbsDiff'] = p['maxAbsDiff']
        e['parityMaxScaledDiff'] = p['maxScaledDiff']
        e['parity'] = {
            'reference': f"@tensorflow/tfjs {lock['packages']['node_modules/@tensorflow/tfjs']['version']} cpu backend",
            'inputs': {'random': f"mulberry32({meta['seed']}) uniform in {meta['inputRange']}, shape {meta['inputShape']}",
                       'image': f"@vladmandic/face-api demo/{meta['image']}, preprocessed as above"},
            'results': {k: v for k, v in p.items() if k in ('random', 'image')},
        }
        d = os.path.join(test_parity, m['name'])
        os.makedirs(d, exist_ok=True)
        for k in meta['outputs']:
            shutil.copy(os.path.join(scratch, 'ref', m['name'], f'random.{k}.f32'), os.path.join(d, f'{k}.f32'))
        json.dump({'seed': meta['seed'], 'inputShape': meta['inputShape'], 'inputRange': meta['inputRange'],
                   'outputs': meta['outputs']}, open(os.path.join(d, 'meta.json'), 'w'), indent=1)
    entries.append(e)

with open(os.path.join(models_dir, 'manifest.json'), 'w') as f:
    text = json.dumps({'formatVersion': 1, 'models': entries}, indent=2)
    # shapes on one line
    text = re.sub(r'\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]', lambda mt: '[' + ', '.join(mt.group(1).split()).replace(',,', ',') + ']', text)
    f.write(text + '\n')
total = sum(e['bytes'] for e in entries)
print(f'manifest.json: {len(entries)} models, {total} bytes of model files', file=sys.stderr)
