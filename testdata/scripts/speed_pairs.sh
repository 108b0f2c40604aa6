#!/usr/bin/env bash
# Whole-process speed of eval-shots and run against FFmpeg's decode alone on the same file, in
# paired rounds on one machine (issue 13): prints each round's wall seconds and the ratios, and the
# median ratio. Usage: speed_pairs.sh VIDEO TRUTH.json [ROUNDS] [AVA_JAR]
set -euo pipefail
video=$1; truth=$2; rounds=${3:-3}; jar=${4:-flink-jobs/target/ava.jar}
wall() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
printf '%-6s %9s %10s %8s %10s %8s\n' round ffmpeg eval-shots ratio run ratio
ratios_e=(); ratios_r=()
for i in $(seq 1 "$rounds"); do
  f=$(wall ffmpeg -hide_banner -loglevel error -threads 2 -i "$video" -f null -)
  e=$(wall java -jar "$jar" eval-shots --video "$video" --truth "$truth" --json)
  r=$(wall java -jar "$jar" run --video "$video" -q --set models.enabled=false)
  re=$(echo "scale=3; $e / $f" | bc); rr=$(echo "scale=3; $r / $f" | bc)
  ratios_e+=("$re"); ratios_r+=("$rr")
  printf '%-6s %9.2f %10.2f %8.2f %10.2f %8.2f\n' "$i" "$f" "$e" "$re" "$r" "$rr"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median ratio to ffmpeg decode: eval-shots $(median "${ratios_e[@]}"), run $(median "${ratios_r[@]}")"
