#!/usr/bin/env bash
# Rebuilds models/onnx/*.onnx and models/manifest.json from the exact npm packages in
# package-lock.json: convert (tfjs2onnx.py), run the TF.js originals (reference.mjs), run the
# ONNX files with ONNX Runtime Java on the same inputs (ParityCheck), write the manifest.
#
# Needs: node + npm (registry.npmjs.org), Debian python3-onnx and python3-numpy (/usr/bin/python3),
# Java 17 + Maven. The results are committed: CI and fresh machines never run this.
#
# usage: models/build/build-models.sh [SCRATCH_DIR]     (default: a new temporary directory)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
models="$(cd "$here/.." && pwd)"
root="$(cd "$models/.." && pwd)"
scratch="${1:-$(mktemp -d /tmp/ava-models.XXXXXX)}"
py=/usr/bin/python3   # Debian's python3 with python3-onnx, not a pyenv one
max_parity=1e-3

echo "scratch: $scratch"
mkdir -p "$scratch/extracted" "$models/onnx"
cp "$here/package.json" "$here/package-lock.json" "$scratch/"
(cd "$scratch" && npm ci --no-audit --no-fund --ignore-scripts)
nm="$scratch/node_modules"

# nsfwjs packs its graph model as .min.js files
node "$here/extract-minjs.cjs" "$nm/nsfwjs/dist/models/mobilenet_v2_mid/model.min.js" "$scratch/extracted/nsfw"

# convert, per models.json
"$py" - "$here/models.json" "$nm" "$scratch" "$models/onnx" <<'PY'
import json, subprocess, sys, shutil, os
config, nm, scratch, out = sys.argv[1:]
for m in json.load(open(config))['models']:
    dst = os.path.join(out, m['name'] + '.onnx')
    if m['format'] == 'onnx':
        shutil.copyfile(os.path.join(nm, m['onnx']), dst)
        continue
    src = os.path.join(scratch, 'extracted', m['name'], 'model.json') if m['format'] == 'tfjs-minjs' else os.path.join(nm, m['modelJson'])
    shape = ','.join(str(d) for d in m['inputShape'])
    subprocess.run(['/usr/bin/python3', os.path.join(os.path.dirname(config), 'tfjs2onnx.py'), src, dst,
                    '--outputs', ','.join(m['outputs']), '--input-shape=' + shape,
                    '--producer', f"ava-stream tfjs2onnx.py from npm:{m['package']} {m['modelJson']}"], check=True)
PY

# reference outputs from the TF.js originals
node "$here/reference.mjs" "$scratch"

# the same inputs through ONNX Runtime Java
(cd "$root" && mvn -B -q -o install -pl models -am -DskipTests)
(cd "$models" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$scratch/cp.txt")
java -cp "$models/target/classes:$(cat "$scratch/cp.txt")" dev.avastream.models.tools.ParityCheck \
  "$scratch/ref" "$models/onnx" "$scratch/parity.json"

"$py" "$here/write-manifest.py" "$scratch" "$models"

# fail the build when a conversion drifts from its original
"$py" - "$scratch/parity.json" "$max_parity" <<'PY'
import json, sys
p, limit = json.load(open(sys.argv[1])), float(sys.argv[2])
bad = {k: v['maxScaledDiff'] for k, v in p.items() if v['maxScaledDiff'] > limit}
if bad:
    sys.exit(f'parity above {limit}: {bad}')
print('parity ok: ' + ', '.join(f"{k} {v['maxAbsDiff']:.2g}" for k, v in p.items()), file=sys.stderr)
PY
du -ch "$models"/onnx/*.onnx | tail -1
