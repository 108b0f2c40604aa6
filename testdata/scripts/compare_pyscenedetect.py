#!/usr/bin/env python3
"""Side-by-side shot-boundary comparison: AVA Stream's `eval-shots` vs PySceneDetect.

Runs, on the same videos and ground truth,
  * ours:  java -jar ava.jar eval-shots --video V --truth T --json   (typed cuts and gradual transitions)
  * PySceneDetect ContentDetector() and AdaptiveDetector(), default parameters, through its Python
    API (scenedetect.detect), from a source checkout given with --pyscenedetect or $PYSCENEDETECT_SRC
and scores all of them on the same rules (docs/pyscenedetect-comparison.md):

  hard cuts  a boundary within +/-tolerance of a true cut matches it one-to-one, closest pairs first;
  gradual    a remaining boundary inside [start-tol, end+tol] of a true transition finds it, one-to-one,
             closest pairs first (PySceneDetect reports a boundary, not an interval);
  false      every boundary matched to neither is a false positive.

Cut precision = cut matches / (boundaries - gradual matches); gradual precision = gradual matches /
(boundaries - cut matches). Our transitions enter the boundary rule as their middle frame; ours is also
shown typed, as eval-shots scores it (cuts +/-tolerance, transitions by frame overlap).

Needs: python3 (>= 3.10), numpy, cv2 (Debian: apt-get install -y python3-opencv python3-numpy), java 17,
our jar (mvn -B -ntp -DskipTests package -> flink-jobs/target/ava.jar) and PySceneDetect's source
(git clone https://github.com/Breakthrough/PySceneDetect). Stdlib, numpy, cv2 and PySceneDetect only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DETECTORS = ("ours-typed", "ours-boundary", "psd-content", "psd-adaptive")
LABELS = {
    "ours-typed": "AVA (typed, eval-shots rules)",
    "ours-boundary": "AVA (boundary rule)",
    "psd-content": "PySceneDetect ContentDetector",
    "psd-adaptive": "PySceneDetect AdaptiveDetector",
}


def die(msg):
    print("compare_pyscenedetect: " + msg, file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------------------------------------
# PySceneDetect
# ---------------------------------------------------------------------------------------------

def import_pyscenedetect(src):
    if not src:
        die("no PySceneDetect source: pass --pyscenedetect DIR or set PYSCENEDETECT_SRC.\n"
            "  Get it with:  git clone https://github.com/Breakthrough/PySceneDetect /path/to/PySceneDetect\n"
            "  (DIR is the checkout's root, the folder that holds scenedetect/__init__.py)")
    src = Path(src).resolve()
    if not (src / "scenedetect" / "__init__.py").is_file():
        die(f"{src} is not a PySceneDetect source checkout (no scenedetect/__init__.py there).\n"
            "  Get it with:  git clone https://github.com/Breakthrough/PySceneDetect " + str(src))
    sys.path.insert(0, str(src))
    try:
        import scenedetect  # noqa: F401
    except ModuleNotFoundError as e:
        die(f"importing PySceneDetect from {src} failed: {e}.\n"
            "  On Debian/Ubuntu: apt-get install -y python3-opencv python3-numpy "
            "python3-click python3-platformdirs python3-tqdm")
    commit = None
    try:
        commit = subprocess.run(["git", "-C", str(src), "describe", "--tags", "--always", "--dirty"],
                                capture_output=True, text=True, check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        pass
    return scenedetect, {"path": str(src), "version": scenedetect.__version__, "gitDescribe": commit}


def frame_times(video):
    """Presentation time (seconds) of every frame as OpenCV (PySceneDetect's default backend) decodes it."""
    import cv2
    cap = cv2.VideoCapture(str(video))
    times = []
    while cap.grab():
        times.append(cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0)
    cap.release()
    return times


def to_index(seconds, times):
    """Index of the decoded frame whose presentation time is closest to `seconds`."""
    import bisect
    i = bisect.bisect_left(times, seconds)
    best = min((j for j in (i - 1, i) if 0 <= j < len(times)), key=lambda j: abs(times[j] - seconds),
               default=0)
    return best


def run_psd(scenedetect, detector_name, video, times):
    det = scenedetect.ContentDetector() if detector_name == "psd-content" else scenedetect.AdaptiveDetector()
    t0 = time.perf_counter()
    scenes = scenedetect.detect(str(video), det)
    wall = time.perf_counter() - t0
    starts = [s[0] for s in scenes[1:]]
    # PySceneDetect's timecodes are presentation times; its frame_num is seconds x average rate, which
    # is off by the start offset or on variable-rate video. Map each time to the decoded frame's index.
    raw = [int(tc.frame_num) for tc in starts]
    mapped = [to_index(tc.seconds, times) for tc in starts]
    return {"boundaries": mapped, "rawFrameNum": raw, "wallSeconds": wall}


# ---------------------------------------------------------------------------------------------
# Ours
# ---------------------------------------------------------------------------------------------

def run_ours(jar, java, video, truth, tol):
    cmd = [java, "-jar", str(jar), "eval-shots", "--video", str(video), "--truth", str(truth), "--json",
           "--tolerance", str(tol)]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        die(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    o = json.loads(p.stdout)
    if "detectedCuts" not in o:
        die(f"{jar}: eval-shots --json lists no detectedCuts; rebuild the jar from this checkout")
    frames = o.get("frames") or 0
    fps = o.get("framesPerSecond") or 0
    return {"evalShots": o, "cuts": list(o["detectedCuts"]), "gradual": o["detectedGradual"],
            "wallSeconds": wall, "analysisSeconds": (frames / fps) if fps else None}


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

THROUGH = {("fade-out", "fade-in"), ("fade-out-white", "fade-in-white")}


def joined_transitions(truth):
    """Truth transitions with a fade out and the fade in on the next frame as one (as eval-shots reads them)."""
    out = []
    for t in sorted(truth.get("transitions", []), key=lambda t: t["startFrame"]):
        last = out[-1] if out else None
        if last and (last["type"], t["type"]) in THROUGH and t["startFrame"] == last["endFrame"] + 1:
            out[-1] = {"type": "fade-through", "startFrame": last["startFrame"], "endFrame": t["endFrame"]}
        else:
            out.append(t)
    return out


def score_boundaries(boundaries, truth, tol):
    cuts = list(truth.get("cuts", []))
    trans = [(t["startFrame"], t["endFrame"]) for t in joined_transitions(truth)]
    gradual_labelled = "transitions" in truth
    b = sorted(boundaries)
    used_b = [False] * len(b)

    def match(pairs, used_t):
        """One-to-one, best (smallest key) pairs first; marks what it uses, returns how many matched."""
        tp = 0
        for _, i, j in sorted(pairs):
            if used_b[i] or used_t[j]:
                continue
            used_b[i] = used_t[j] = True
            tp += 1
        return tp

    used_c = [False] * len(cuts)
    cut_tp = match([(abs(x - c), i, j) for i, x in enumerate(b) for j, c in enumerate(cuts) if abs(x - c) <= tol],
                   used_c)

    def dist(x, s, e):
        return (0 if s <= x <= e else min(abs(x - s), abs(x - e)), abs(2 * x - s - e))

    used_t = [False] * len(trans)
    grad_tp = match([(dist(x, s, e), i, j) for i, x in enumerate(b) if not used_b[i]
                     for j, (s, e) in enumerate(trans) if s - tol <= x <= e + tol], used_t)

    false = [x for i, x in enumerate(b) if not used_b[i]]
    on_events = sum(1 for x in false
                    if any(ev["startFrame"] - tol <= x <= ev["endFrame"] + tol for ev in truth.get("events", [])))
    return {
        "cuts": counts(cut_tp, len(b) - grad_tp, len(cuts)),
        "gradual": counts(grad_tp, len(b) - cut_tp, len(trans)) if gradual_labelled else None,
        "boundaries": len(b),
        "falsePositives": false,
        "falseOnEvents": on_events,
        "missedCuts": [c for j, c in enumerate(cuts) if not used_c[j]],
        "missedGradual": [list(t) for j, t in enumerate(trans) if not used_t[j]],
    }


def counts(tp, predicted, actual):
    return {"tp": tp, "predicted": predicted, "actual": actual}


def prf(c):
    if c is None:
        return None
    p = c["tp"] / c["predicted"] if c["predicted"] else (1.0 if c["actual"] == 0 else 0.0)
    r = c["tp"] / c["actual"] if c["actual"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def score_typed(o):
    """Our result as eval-shots scores it (cuts +/-tolerance; transitions by overlap)."""
    e = o["evalShots"]
    c = e["cutsWithinTolerance"]
    g = e.get("gradual")
    return {
        "cuts": counts(c["truePositives"], c["predicted"], c["actual"]),
        "gradual": counts(g["truePositives"], g["predicted"], g["actual"]) if g else None,
        "boundaries": len(o["cuts"]) + len(o["gradual"]),
        "falsePositives": e.get("falseCuts", []) + [[x["startFrame"], x["endFrame"]] for x in e.get("falseGradual", [])],
        "falseOnEvents": e.get("falseCutsOnEvents", 0),
        "missedCuts": e.get("missedCuts", []),
        "missedGradual": [[x["startFrame"], x["endFrame"]] for x in e.get("missedGradual", [])],
    }


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------

def suite_videos(jar, java, seed, base, suite="shot"):
    d = base / (f"seed{seed}" if suite == "shot" else f"{suite}-seed{seed}")
    if not any(d.glob("*.mp4")):
        d.mkdir(parents=True, exist_ok=True)
        cmd = [java, "-cp", str(jar), "dev.avastream.testdata.SyntheticSuites", str(d), str(seed), "--suite", suite]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            die(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    out = []
    for v in sorted(d.glob("*.mp4")):
        t = v.with_suffix(".json")
        if t.is_file():
            out.append((f"s{seed}/{v.stem}" if suite == "shot" else f"{suite}-s{seed}/{v.stem}", v, t))
    if not out:
        die(f"no videos with truth in {d}")
    return out


def real_clips(clips, labels):
    out = []
    for t in sorted(Path(labels).glob("*.json")):
        vids = [v for v in Path(clips).glob(t.stem + ".*") if v.suffix != ".json"]
        if vids:
            out.append((t.stem, vids[0], t))
        else:
            print(f"note: no clip for label {t.name} in {clips}; skipped", file=sys.stderr)
    return out


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

def fmt_score(c):
    if c is None:
        return "   n/a            "
    s = prf(c)
    return f"{s['precision']:.2f} {s['recall']:.2f} {s['f1']:.2f} {c['tp']:>3}/{c['actual']:<3}"


def total(rows, det):
    t = {"cuts": counts(0, 0, 0), "gradual": counts(0, 0, 0), "falsePositives": 0, "falseOnEvents": 0,
         "wallSeconds": 0.0, "videos": 0, "gradualVideos": 0}
    for r in rows:
        s = r["scores"][det]
        for k in ("tp", "predicted", "actual"):
            t["cuts"][k] += s["cuts"][k]
            if s["gradual"] is not None:
                t["gradual"][k] += s["gradual"][k]
        t["gradualVideos"] += s["gradual"] is not None
        t["falsePositives"] += len(s["falsePositives"])
        t["falseOnEvents"] += s["falseOnEvents"]
        t["wallSeconds"] += r["wallSeconds"][det]
        t["videos"] += 1
    if not t["gradualVideos"]:
        t["gradual"] = None
    for k in ("cuts", "gradual"):
        if t[k] is not None:
            t[k].update(prf(t[k]))
    return t


def print_split(name, rows, tol):
    print(f"\n=== {name} ({len(rows)} videos, cut tolerance +/-{tol} frames) ===")
    print("cuts/gradual: precision recall F1 found/true; FP = false positives (on flash/pan/motion); s = wall seconds")
    hdr = f"{'video':<28} {'detector':<30} {'cuts P    R    F1   tp/true':<26} {'gradual P R F1 tp/true':<22} {'FP':>7} {'s':>6}"
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        for det in DETECTORS:
            s = r["scores"][det]
            fp = f"{len(s['falsePositives'])}({s['falseOnEvents']})"
            wall = r["wallSeconds"][det]
            print(f"{r['video']:<28} {LABELS[det]:<30} {fmt_score(s['cuts']):<26} {fmt_score(s['gradual']):<22} "
                  f"{fp:>7} {wall:6.2f}")
    print("-" * len(hdr))
    totals = {}
    for det in DETECTORS:
        t = total(rows, det)
        totals[det] = t
        fp = f"{t['falsePositives']}({t['falseOnEvents']})"
        print(f"{'TOTAL':<28} {LABELS[det]:<30} {fmt_score(t['cuts']):<26} {fmt_score(t['gradual']):<22} "
              f"{fp:>7} {t['wallSeconds']:6.2f}")
    n = max(1, len(rows))
    print("mean seconds per video: " + ", ".join(f"{LABELS[d]} {totals[d]['wallSeconds'] / n:.2f}"
                                                 for d in DETECTORS if d != "ours-boundary"))
    return totals


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Scoring and measured tables: docs/pyscenedetect-comparison.md")
    ap.add_argument("--suite-seeds", default="1,2", help="generated-suite seeds to score (default 1,2; '' for none)")
    ap.add_argument("--holdout-seeds", default="", help="seeds reported separately as the held-out split, e.g. 3")
    ap.add_argument("--suites", default="shot",
                    help="which generated suites the seeds apply to: shot, broad, edits, comma-separated (default shot)")
    ap.add_argument("--suite-dir", help="where to write/reuse the generated suites (default: a temp dir)")
    ap.add_argument("--clips", help="folder with the real clips (e.g. shared/videos)")
    ap.add_argument("--labels", default=str(REPO / "testdata" / "labels"), help="their labels (default testdata/labels)")
    ap.add_argument("--ava-jar", default=str(REPO / "flink-jobs" / "target" / "ava.jar"))
    ap.add_argument("--java", default="java")
    ap.add_argument("--pyscenedetect", default=os.environ.get("PYSCENEDETECT_SRC"),
                    help="PySceneDetect source checkout (default $PYSCENEDETECT_SRC)")
    ap.add_argument("--tolerance", type=int, default=2)
    ap.add_argument("--json", help="also write the tables and per-video detail as JSON to this file")
    a = ap.parse_args()

    scenedetect, psd_info = import_pyscenedetect(a.pyscenedetect)
    import cv2
    jar = Path(a.ava_jar)
    if not jar.is_file():
        die(f"{jar} not found: build it with  mvn -B -ntp -DskipTests package  (or pass --ava-jar)")
    if a.tolerance < 0:
        die("--tolerance must be >= 0")

    tmp = None
    if a.suite_dir:
        base = Path(a.suite_dir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ava-psd-")
        base = Path(tmp.name)

    def seeds(s):
        return [int(x) for x in s.split(",") if x.strip()]

    suites = [x.strip() for x in a.suites.split(",") if x.strip()]
    for u in suites:
        if u not in ("shot", "broad", "edits"):
            die(f"--suites: unknown suite {u!r} (shot, broad, edits)")
    splits = []
    if seeds(a.suite_seeds):
        splits.append(("suite seeds " + a.suite_seeds,
                       [v for s in seeds(a.suite_seeds) for u in suites for v in suite_videos(jar, a.java, s, base, u)]))
    if seeds(a.holdout_seeds):
        splits.append(("held-out seeds " + a.holdout_seeds,
                       [v for s in seeds(a.holdout_seeds) for u in suites for v in suite_videos(jar, a.java, s, base, u)]))
    if a.clips:
        splits.append(("real clips", real_clips(a.clips, a.labels)))
    if not splits:
        die("nothing to compare: give --suite-seeds, --holdout-seeds or --clips")

    result = {"date": time.strftime("%Y-%m-%d"), "tolerance": a.tolerance, "pyscenedetect": psd_info,
              "opencv": cv2.__version__, "avaJar": str(jar), "splits": []}
    print(f"PySceneDetect {psd_info['version']} ({psd_info['gitDescribe'] or 'no git'}) from {psd_info['path']}, "
          f"OpenCV {cv2.__version__}; ours: {jar}")
    for name, videos in splits:
        rows = []
        for label, video, truth_path in videos:
            print(f"  {label} ...", file=sys.stderr, flush=True)
            truth = json.loads(Path(truth_path).read_text())
            ours = run_ours(jar, a.java, video, truth_path, a.tolerance)
            times = frame_times(video)
            psd = {d: run_psd(scenedetect, d, video, times) for d in ("psd-content", "psd-adaptive")}
            # A truth file without "transitions" labels cuts only and leaves gradual detections unscored
            # (docs/shot-detection.md), so our typed transitions do not enter the boundary rule there.
            mids = [(g["startFrame"] + g["endFrame"]) // 2 for g in ours["gradual"]] if "transitions" in truth else []
            rows.append({
                "video": label,
                "path": str(video),
                "truth": {"cuts": truth.get("cuts", []),
                          "transitions": truth.get("transitions") if "transitions" in truth else None},
                "decodedFrames": len(times),
                "detected": {"ours": {"cuts": ours["cuts"], "gradual": ours["gradual"]},
                             **{d: psd[d]["boundaries"] for d in psd},
                             **{d + "-rawFrameNum": psd[d]["rawFrameNum"] for d in psd}},
                "scores": {"ours-typed": score_typed(ours),
                           "ours-boundary": score_boundaries(ours["cuts"] + mids, truth, a.tolerance),
                           **{d: score_boundaries(psd[d]["boundaries"], truth, a.tolerance) for d in psd}},
                "wallSeconds": {"ours-typed": ours["wallSeconds"], "ours-boundary": ours["wallSeconds"],
                                **{d: psd[d]["wallSeconds"] for d in psd}},
                "oursAnalysisSeconds": ours["analysisSeconds"],
            })
        totals = print_split(name, rows, a.tolerance)
        result["splits"].append({"name": name, "totals": totals, "videos": rows})
    print("\nOurs' seconds include JVM start (eval-shots runs the whole title analysis in-process); "
          "PySceneDetect's are scenedetect.detect() in this process.")
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2))
        print(f"wrote {a.json}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
