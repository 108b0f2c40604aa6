package dev.avastream.operators.eval;

import dev.avastream.operators.annotate.AppearanceVector;
import dev.avastream.operators.annotate.PerceptualHash;
import dev.avastream.operators.rank.NearDuplicateRule;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleCharacter;
import dev.avastream.schema.Transition;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges the stills of one run the way a person at a contact sheet would: which stills are faulty
 * (and why), how much of the title and its characters the final set covers, and how much the set
 * churns from one update to the next. Pure: it reads the run's {@link CandidateSetUpdate}s (each
 * candidate carries its frame annotation) and its shots, and nothing else.
 *
 * <p>The rules are deliberately independent of the ranking's own settings (apart from the
 * near-duplicate floor, which defines what "the same picture" means for the title): a still that the
 * ranking let through but a rule flags is what this evaluation is for. Each rule's target share is 0.
 */
public final class StillSetEvaluation {

    /** What makes a still faulty. */
    public enum Rule {
        /** Inside a gradual transition, in no shot, or within {@link Criteria#cutMarginFrames} of a cut. */
        TRANSITION("transition"),
        /** Nearly black, or mostly dark pixels. */
        BLACK("black"),
        /** Much less sharp than the run's typical still, smeared by motion, or with an unsharp face. */
        BLURRED("blurred"),
        /** The same picture as a better-ranked still of the same set. */
        NEAR_DUPLICATE("near-duplicate"),
        /** Text (subtitles, title cards, signs) covers much of the frame. */
        TEXT_HEAVY("text-heavy"),
        /** No face, from a shot where faces are the rule. */
        FACELESS("faceless");

        private final String label;

        Rule(String label) { this.label = label; }

        /** The rule's name in reports and JSON. */
        public String label() { return label; }
    }

    /**
     * The rules' thresholds. They define the evaluation, not the pipeline, so they live here and not in
     * the pipeline's settings: changing a ranking setting must not move the yardstick.
     *
     * @param cutMarginFrames       a still this close to a hard cut (frames on either side of the boundary) may
     *                              show the neighbouring shot's picture, or a half-decoded one
     * @param blackBrightness       mean luma at or below this is a black frame
     * @param mostlyDarkFraction    this share of near-black pixels or more is a black frame (a dark frame with a
     *                              small bright logo or subtitle)
     * @param blurRatio             frame sharpness below this times the median of the run's stills is blurred
     * @param motionBlur            {@link FrameAnnotation#getMotionBlur()} at or above this is a smear
     * @param faceBlurRatio         the largest face's sharpness below this times the median over the stills'
     *                              largest faces is an unsharp face
     * @param textCoverage          text covering this share of the frame or more is text-heavy
     * @param faceShotShare         a shot with at least this share of model frames with a face is a shot of people
     * @param nearDuplicate         the rule that says two stills are one picture (the title's: perceptual hash
     *                              or appearance, {@link NearDuplicateRule})
     * @param flipWindow            a still that leaves and returns within this many updates, score unchanged, flips
     */
    public record Criteria(int cutMarginFrames, double blackBrightness, double mostlyDarkFraction, double blurRatio,
                           double motionBlur, double faceBlurRatio, double textCoverage, double faceShotShare,
                           NearDuplicateRule nearDuplicate, int flipWindow) {
        public Criteria {
            if (cutMarginFrames < 0) throw new IllegalArgumentException("cutMarginFrames must be >= 0");
            if (flipWindow < 1) throw new IllegalArgumentException("flipWindow must be >= 1");
            java.util.Objects.requireNonNull(nearDuplicate, "nearDuplicate");
        }

        /** The thresholds issue 11 set for judging stills, with the title's near-duplicate rule. */
        public static Criteria defaults(NearDuplicateRule nearDuplicate) {
            return new Criteria(2, 0.06, 0.9, 0.75, 0.4, 0.75, 0.05, 0.5, nearDuplicate, 3);
        }
    }

    /** One fault of one still: the rule and, in words, the figures behind it. */
    public record Fault(Rule rule, String reason) {}

    /** One rule over a set of stills: how many broke it, of how many, and which frames. */
    public record RuleShare(Rule rule, int faulty, int stills, List<Long> frames) {
        public double share() { return stills == 0 ? 0 : (double) faulty / stills; }
    }

    /**
     * The faults of a set of stills.
     *
     * @param stills  distinct stills judged
     * @param byRule  every rule, in {@link Rule} order
     * @param byFrame the faults of each faulty still (frames without a fault are absent)
     */
    public record Faults(int stills, Map<Rule, RuleShare> byRule, Map<Long, List<Fault>> byFrame) {
        /** Stills with at least one fault. */
        public int faultyStills() { return byFrame.size(); }

        public double faultyShare() { return stills == 0 ? 0 : (double) byFrame.size() / stills; }

        /** The faults of one still; empty when it has none. */
        public List<Fault> of(long frame) { return byFrame.getOrDefault(frame, List.of()); }
    }

    /**
     * What the final set covers.
     *
     * @param shotsCovered         distinct shots among the final stills
     * @param shotsFound           shots the run found
     * @param framesCovered        frames of the covered shots
     * @param titleFrames          frames the run analysed
     * @param charactersCovered    distinct main characters among the final stills
     * @param charactersFound      characters the run found
     * @param leadingCharacters    the title's leading characters: its (at most) three with the most screen presence
     * @param leadingCovered       of those, how many are the main character of a final still
     */
    public record Coverage(int stills, int shotsCovered, int shotsFound, long framesCovered, long titleFrames,
                           int charactersCovered, int charactersFound, int leadingCharacters, int leadingCovered) {
        public double shotShare() { return shotsFound == 0 ? 0 : (double) shotsCovered / shotsFound; }

        public double durationShare() { return titleFrames == 0 ? 0 : (double) framesCovered / titleFrames; }

        public double characterShare() { return charactersFound == 0 ? 0 : (double) charactersCovered / charactersFound; }
    }

    /** A still that left the set at {@code leftAt} and came back at {@code backAt} (update versions) with the same score. */
    public record Flip(long frame, long leftAt, long backAt, double score) {}

    /**
     * How the set moved between consecutive updates. The churn of one step is (|added| + |removed| -
     * |change of size|) / (2K): 0 when the set only grew or stayed, 1 when all K stills were replaced.
     *
     * @param steps          consecutive pairs of updates
     * @param mean           mean churn per step
     * @param max            largest churn of one step
     * @param maxAt          the version of the update with the largest churn (-1 without steps)
     * @param flips          stills that left and came back within {@link Criteria#flipWindow} updates, score unchanged
     * @param inexactUpdates updates whose published added/removed lists disagree with the change of their set
     */
    public record Churn(int updates, int steps, int k, double mean, double max, long maxAt, List<Flip> flips,
                        int inexactUpdates) {}

    /** Everything one run's stills came to. */
    public record Result(Faults finalSet, Faults allUpdates, Coverage coverage, Churn churn, double medianSharpness,
                         double medianFaceSharpness) {}

    private final Criteria criteria;

    public StillSetEvaluation(Criteria criteria) { this.criteria = criteria; }

    public Criteria criteria() { return criteria; }

    /**
     * Whether two stills are the same picture: the pipeline's own rule ({@link NearDuplicateRule}), so
     * the evaluation and the selection agree on what a copy is.
     */
    public boolean nearDuplicate(Candidate a, Candidate b) {
        return criteria.nearDuplicate().nearDuplicates(a, b);
    }

    /**
     * Evaluates one run.
     *
     * @param updates the title's updates in publication order (the last is the final set)
     * @param shots   the shots the run found, with their gradual transitions
     * @param topK    the set size K the run was asked for
     */
    public Result evaluate(List<CandidateSetUpdate> updates, List<Shot> shots, int topK) {
        if (topK < 1) throw new IllegalArgumentException("topK must be >= 1");
        Shots index = new Shots(shots);
        // The yardstick for "blurred": the run's own stills, every one published in any update.
        Map<Long, Candidate> everPublished = new LinkedHashMap<>();
        for (CandidateSetUpdate u : updates) for (Candidate c : u.getCandidates()) everPublished.putIfAbsent(c.getFrameIndex(), c);
        List<Double> sharpness = new ArrayList<>();
        List<Double> faceSharpness = new ArrayList<>();
        for (Candidate c : everPublished.values()) {
            FrameAnnotation a = c.getAnnotation();
            if (a == null) continue;
            sharpness.add(a.getSharpness());
            FaceAnnotation face = largestFace(a);
            if (face != null && face.getSharpness() >= 0) faceSharpness.add(face.getSharpness());
        }
        double medianSharpness = median(sharpness);
        double medianFace = median(faceSharpness);

        List<Candidate> last = updates.isEmpty() ? List.of() : updates.get(updates.size() - 1).getCandidates();
        Faults finalSet = faultsOf(last, index, medianSharpness, medianFace);

        Map<Long, Map<Rule, Fault>> ever = new TreeMap<>();
        for (CandidateSetUpdate u : updates) {
            Faults f = faultsOf(u.getCandidates(), index, medianSharpness, medianFace);
            for (var e : f.byFrame().entrySet()) {
                Map<Rule, Fault> rules = ever.computeIfAbsent(e.getKey(), k -> new EnumMap<>(Rule.class));
                for (Fault fault : e.getValue()) rules.putIfAbsent(fault.rule(), fault);
            }
        }
        Map<Long, List<Fault>> everList = new LinkedHashMap<>();
        for (var e : ever.entrySet()) everList.put(e.getKey(), List.copyOf(e.getValue().values()));
        Faults allUpdates = tally(everPublished.size(), everList);

        CandidateSetUpdate finalUpdate = updates.isEmpty() ? null : updates.get(updates.size() - 1);
        return new Result(finalSet, allUpdates, coverage(finalUpdate, last, index), churn(updates, topK),
                medianSharpness, medianFace);
    }

    /** The faults of one set, best first (a near-duplicate is the lower-ranked of the pair). */
    Faults faultsOf(List<Candidate> set, Shots shots, double medianSharpness, double medianFace) {
        Map<Long, List<Fault>> byFrame = new LinkedHashMap<>();
        for (int i = 0; i < set.size(); i++) {
            Candidate c = set.get(i);
            List<Fault> faults = new ArrayList<>();
            transition(c.getFrameIndex(), shots, faults);
            FrameAnnotation a = c.getAnnotation();
            if (a != null) {
                black(a, faults);
                blurred(a, medianSharpness, medianFace, faults);
                if (a.getTextCoverage() >= criteria.textCoverage()) {
                    faults.add(new Fault(Rule.TEXT_HEAVY, String.format(Locale.ROOT, "text covers %.0f%%", 100 * a.getTextCoverage())));
                }
                Shot s = shots.containing(c.getFrameIndex());
                if (a.getFaceCount() == 0 && s != null && s.getFaceFrameShare() >= criteria.faceShotShare()) {
                    faults.add(new Fault(Rule.FACELESS, String.format(Locale.ROOT, "no face; %.0f%% of shot %d has faces",
                            100 * s.getFaceFrameShare(), s.getIndex())));
                }
            }
            for (int j = 0; j < i; j++) {
                Candidate better = set.get(j);
                if (nearDuplicate(better, c)) {
                    faults.add(new Fault(Rule.NEAR_DUPLICATE, String.format(Locale.ROOT, "same picture as frame %d (d=%.3f, hash %d bits apart)",
                            better.getFrameIndex(), AppearanceVector.distance(better.getFeature(), c.getFeature()),
                            PerceptualHash.hamming(better.getPerceptualHash(), c.getPerceptualHash()))));
                    break;
                }
            }
            if (!faults.isEmpty()) byFrame.put(c.getFrameIndex(), List.copyOf(faults));
        }
        int distinct = (int) set.stream().map(Candidate::getFrameIndex).distinct().count();
        return tally(distinct, byFrame);
    }

    private void transition(long f, Shots shots, List<Fault> out) {
        Transition t = shots.gradualAt(f);
        if (t != null) {
            out.add(new Fault(Rule.TRANSITION, "inside " + t.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " " + t.getStartFrame() + "-" + t.getEndFrame()));
            return;
        }
        Shot s = shots.containing(f);
        if (s == null) {
            if (!shots.isEmpty()) out.add(new Fault(Rule.TRANSITION, "in no shot"));
            return;
        }
        int m = criteria.cutMarginFrames();
        // A cut lies between the last frame of one shot and the first of the next: f is within m frames
        // of it when fewer than m of its own shot's frames lie between it and the boundary.
        if (s.getTransitionIn() == TransitionType.CUT && f - s.getStartFrame() < m) {
            out.add(new Fault(Rule.TRANSITION, (f - s.getStartFrame() + 1) + " frame(s) after the cut at " + s.getStartFrame()));
        } else if (s.getTransitionOut() == TransitionType.CUT && s.getEndFrame() - f < m) {
            out.add(new Fault(Rule.TRANSITION, (s.getEndFrame() - f + 1) + " frame(s) before the cut at " + (s.getEndFrame() + 1)));
        }
    }

    private void black(FrameAnnotation a, List<Fault> out) {
        if (a.getBrightness() <= criteria.blackBrightness()) {
            out.add(new Fault(Rule.BLACK, String.format(Locale.ROOT, "brightness %.3f", a.getBrightness())));
        } else if (a.getDarkFraction() >= criteria.mostlyDarkFraction()) {
            out.add(new Fault(Rule.BLACK, String.format(Locale.ROOT, "%.0f%% near-black pixels", 100 * a.getDarkFraction())));
        }
    }

    private void blurred(FrameAnnotation a, double medianSharpness, double medianFace, List<Fault> out) {
        if (!Double.isNaN(medianSharpness) && a.getSharpness() < criteria.blurRatio() * medianSharpness) {
            out.add(new Fault(Rule.BLURRED, String.format(Locale.ROOT, "sharpness %.2f < %.2f x median %.2f",
                    a.getSharpness(), criteria.blurRatio(), medianSharpness)));
            return;
        }
        if (a.getMotionBlur() >= criteria.motionBlur()) {
            out.add(new Fault(Rule.BLURRED, String.format(Locale.ROOT, "motion blur %.2f", a.getMotionBlur())));
            return;
        }
        FaceAnnotation face = largestFace(a);
        if (face != null && face.getSharpness() >= 0 && !Double.isNaN(medianFace)
                && face.getSharpness() < criteria.faceBlurRatio() * medianFace) {
            out.add(new Fault(Rule.BLURRED, String.format(Locale.ROOT, "face sharpness %.2f < %.2f x median %.2f",
                    face.getSharpness(), criteria.faceBlurRatio(), medianFace)));
        }
    }

    private Coverage coverage(CandidateSetUpdate last, List<Candidate> stills, Shots shots) {
        Set<Integer> covered = new LinkedHashSet<>();
        for (Candidate c : stills) {
            Shot s = shots.containing(c.getFrameIndex());
            if (s != null) covered.add(s.getIndex());
            else if (c.getShotIndex() >= 0) covered.add(c.getShotIndex());
        }
        long framesCovered = 0;
        for (Integer i : covered) {
            Shot s = shots.byIndex(i);
            if (s != null) framesCovered += s.getEndFrame() - s.getStartFrame() + 1;
        }
        Set<String> who = new HashSet<>();
        for (Candidate c : stills) if (!c.getMainCharacter().isEmpty()) who.add(c.getMainCharacter());
        List<TitleCharacter> characters = last == null ? List.of() : last.getCharacters();
        int leading = Math.min(3, characters.size());
        int leadingCovered = 0;
        for (int i = 0; i < leading; i++) if (who.contains(characters.get(i).getName())) leadingCovered++;
        long titleFrames = last == null ? 0 : last.getFramesProcessed();
        return new Coverage(stills.size(), covered.size(), shots.size(), framesCovered, titleFrames,
                who.size(), characters.size(), leading, leadingCovered);
    }

    private Churn churn(List<CandidateSetUpdate> updates, int k) {
        double sum = 0, max = 0;
        long maxAt = -1;
        int inexact = 0;
        List<Flip> flips = new ArrayList<>();
        // frame -> {index of the update it was first absent from, its score when it left}
        Map<Long, double[]> left = new HashMap<>();
        Map<Long, Double> scoreNow = new HashMap<>();
        Set<Long> prev = new LinkedHashSet<>();
        for (int i = 0; i < updates.size(); i++) {
            CandidateSetUpdate u = updates.get(i);
            Set<Long> cur = new LinkedHashSet<>();
            Map<Long, Double> scores = new HashMap<>();
            for (Candidate c : u.getCandidates()) {
                cur.add(c.getFrameIndex());
                scores.put(c.getFrameIndex(), c.getScore());
            }
            Set<Long> added = new LinkedHashSet<>(cur);
            added.removeAll(prev);
            Set<Long> removed = new LinkedHashSet<>(prev);
            removed.removeAll(cur);
            if (!added.equals(new HashSet<>(u.getAdded())) || !removed.equals(new HashSet<>(u.getRemoved()))) inexact++;
            if (i > 0) {
                double churn = (added.size() + removed.size() - Math.abs(cur.size() - prev.size())) / (2.0 * k);
                sum += churn;
                if (churn > max) {
                    max = churn;
                    maxAt = u.getVersion();
                }
            }
            for (Long f : removed) left.put(f, new double[]{i, scoreNow.get(f)});
            for (Long f : added) {
                double[] l = left.remove(f);
                if (l != null && i - (int) l[0] <= criteria.flipWindow() && scores.get(f) == l[1]) {
                    flips.add(new Flip(f, updates.get((int) l[0]).getVersion(), u.getVersion(), l[1]));
                }
            }
            scoreNow = scores;
            prev = cur;
        }
        int steps = Math.max(0, updates.size() - 1);
        return new Churn(updates.size(), steps, k, steps == 0 ? 0 : sum / steps, max, maxAt,
                Collections.unmodifiableList(flips), inexact);
    }

    private static Faults tally(int stills, Map<Long, List<Fault>> byFrame) {
        Map<Rule, List<Long>> frames = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) frames.put(r, new ArrayList<>());
        for (var e : byFrame.entrySet()) {
            for (Fault f : e.getValue()) {
                List<Long> l = frames.get(f.rule());
                if (!l.contains(e.getKey())) l.add(e.getKey());
            }
        }
        Map<Rule, RuleShare> byRule = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) byRule.put(r, new RuleShare(r, frames.get(r).size(), stills, List.copyOf(frames.get(r))));
        return new Faults(stills, Collections.unmodifiableMap(byRule), Collections.unmodifiableMap(byFrame));
    }

    /** The largest face of a frame (faces are stored largest first), or null. */
    static FaceAnnotation largestFace(FrameAnnotation a) {
        return a.getFaces().isEmpty() ? null : a.getFaces().get(0);
    }

    /** The median, or NaN for no values. */
    static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The run's shots, found by frame. */
    static final class Shots {
        private final List<Shot> byStart;
        private final Map<Integer, Shot> byIndex = new HashMap<>();
        private final List<Transition> gradual = new ArrayList<>();

        Shots(List<Shot> shots) {
            byStart = new ArrayList<>(shots);
            byStart.sort(java.util.Comparator.comparingLong(Shot::getStartFrame));
            for (Shot s : shots) {
                byIndex.put(s.getIndex(), s);
                gradual.addAll(s.getTransitionsBefore());
                gradual.addAll(s.getTransitionsAfter());
            }
        }

        boolean isEmpty() { return byStart.isEmpty(); }

        int size() { return byStart.size(); }

        Shot byIndex(int index) { return byIndex.get(index); }

        Shot containing(long frame) {
            int lo = 0, hi = byStart.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Shot s = byStart.get(mid);
                if (frame < s.getStartFrame()) hi = mid - 1;
                else if (frame > s.getEndFrame()) lo = mid + 1;
                else return s;
            }
            return null;
        }

        Transition gradualAt(long frame) {
            for (Transition t : gradual) if (frame >= t.getStartFrame() && frame <= t.getEndFrame()) return t;
            return null;
        }
    }
}
