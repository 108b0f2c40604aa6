#!/usr/bin/env bash
# Whole-job throughput at parallelism 1 and 2 and a chunk-length sweep, each as a whole `ava run`
# process on one file, with FFmpeg's own decode (2 threads and 1) as the machine's yardstick.
# Usage: testdata/scripts/scaling_rounds.sh VIDEO [ROUNDS] [AVA_JAR]   (docs/benchmarks.md, "Scaling")
set -euo pipefail
video=${1:?usage: scaling_rounds.sh VIDEO [ROUNDS] [AVA_JAR]}
rounds=${2:-2}
jar=${3:-$(dirname "$0")/../../flink-jobs/target/ava.jar}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
one() { # label, then run options
  local label=$1; shift
  /usr/bin/time -f "%e %U" java -jar "$jar" run -q --json --video "$video" --set models.enabled=false "$@" \
    > "$out/run.json" 2> "$out/time.txt"
  local elapsed
  elapsed=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['elapsedMs'])" "$out/run.json")
  echo "$label: wall, user s $(tail -1 "$out/time.txt"); elapsedMs $elapsed"
}
for r in $(seq 1 "$rounds"); do
  one "round $r, parallelism 1, 10 s chunks" --parallelism 1
  one "round $r, parallelism 2, 10 s chunks" --parallelism 2
done
for c in 2 5 30; do one "parallelism 2, $c s chunks" --parallelism 2 --chunk-seconds "$c"; done
/usr/bin/time -f "ffmpeg -threads 2: wall, user s %e %U" ffmpeg -hide_banner -loglevel error -threads 2 -i "$video" -f null -
/usr/bin/time -f "ffmpeg -threads 1: wall, user s %e %U" ffmpeg -hide_banner -loglevel error -threads 1 -i "$video" -f null -
