// nsfwjs ships its TF.js models as UMD .min.js files: model.min.js exports the model.json object,
// each group1-shardNofM.min.js exports the shard's bytes as base64. This writes them back out as
// model.json + shard files so the converter and the reference run read an ordinary graph model.
// usage: node extract-minjs.cjs MODEL_MIN_JS OUT_DIR
const fs = require('fs');
const path = require('path');
const [src, out] = process.argv.slice(2).map((p) => path.resolve(p));
const dir = path.dirname(src);
const model = require(src);
fs.mkdirSync(out, { recursive: true });
for (const group of model.weightsManifest) {
  for (const p of group.paths) {
    fs.writeFileSync(path.join(out, p), Buffer.from(require(path.join(dir, `${p}.min.js`)), 'base64'));
  }
}
fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(model));
