package dev.avastream.testdata;

import dev.avastream.testdata.SyntheticVideoSpec.Boundary;
import dev.avastream.testdata.SyntheticVideoSpec.BoundaryKind;
import dev.avastream.testdata.SyntheticVideoSpec.BoundaryMix;
import dev.avastream.testdata.SyntheticVideoSpec.Direction;
import dev.avastream.testdata.SyntheticVideoSpec.EventKind;
import dev.avastream.testdata.SyntheticVideoSpec.EventMix;
import dev.avastream.testdata.SyntheticVideoSpec.ShotEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Where every shot, transition and event of a spec lies, and what each frame is made of.
 *
 * <p>Shot {@code i} spans {@code [spanStart(i), spanStart(i+1))} as in a cut-only video. A transition
 * of {@code T} frames at boundary {@code i} (nominal boundary frame {@code b = spanStart(i+1)}) takes
 * frames {@code [b - T/2, b - T/2 + T - 1]}. A shot's <em>pure</em> frames are the frames of its span
 * not taken by a transition. A scene's own frame counter ({@code frameInShot}) starts at the first frame
 * it is visible in (the first frame of an incoming dissolve or fade-in), so with cuts only it is the
 * frame's offset in the shot, as before transitions existed.
 *
 * <p>Each frame is {@code shot1} (or nothing), optionally blended with {@code shot2} (weight
 * {@code w2}, a dissolve) or with a solid colour {@code solid} (weight {@code wSolid}, a fade or, with
 * no shot, a solid frame). In a wipe, slide or push ({@code boundary[k]} names it) {@code w2} is the
 * progress instead: how far B has come in.
 */
final class Layout {
    final int frameCount;
    final int shotCount;
    final List<Boundary> boundaries;
    final int[] spanStart;
    final int[] pureStart;
    final int[] pureEnd;
    final int[] firstVisible;
    /** First and last frame of each boundary's transition; last = first - 1 for a cut. */
    final int[] transitionStart;
    final int[] transitionEnd;
    // per frame
    final int[] shot1;
    final int[] shot2;
    final double[] w2;
    final int[] solid;
    final double[] wSolid;
    /** Index of the boundary whose transition frame {@code k} is, or -1 for a pure frame. */
    final int[] boundary;

    Layout(List<Integer> lengths, List<Boundary> boundaries) {
        this.shotCount = lengths.size();
        this.boundaries = boundaries;
        this.spanStart = new int[shotCount + 1];
        for (int i = 0; i < shotCount; i++) spanStart[i + 1] = spanStart[i] + lengths.get(i);
        this.frameCount = spanStart[shotCount];
        this.pureStart = new int[shotCount];
        this.pureEnd = new int[shotCount];
        this.firstVisible = new int[shotCount];
        this.transitionStart = new int[Math.max(0, shotCount - 1)];
        this.transitionEnd = new int[Math.max(0, shotCount - 1)];
        for (int i = 0; i < shotCount - 1; i++) {
            Boundary bd = boundaries.get(i);
            int t = bd.totalFrames();
            transitionStart[i] = spanStart[i + 1] - t / 2;
            transitionEnd[i] = transitionStart[i] + t - 1;
        }
        for (int i = 0; i < shotCount; i++) {
            pureStart[i] = i == 0 ? 0 : transitionEnd[i - 1] + 1;
            pureEnd[i] = i == shotCount - 1 ? frameCount - 1 : transitionStart[i] - 1;
            if (pureEnd[i] < pureStart[i]) {
                throw new IllegalArgumentException("shot " + i + " (" + lengths.get(i) + " frames) has no pure frame left between its transitions "
                        + (i > 0 ? boundaries.get(i - 1) : "") + (i < shotCount - 1 ? " and " + boundaries.get(i) : ""));
            }
            if (i == 0) {
                firstVisible[i] = 0;
            } else {
                Boundary in = boundaries.get(i - 1);
                firstVisible[i] = switch (in.kind()) {
                    case CUT -> spanStart[i];
                    case DISSOLVE, WIPE, SLIDE, PUSH -> transitionStart[i - 1];
                    case FADE_BLACK, FADE_WHITE -> transitionStart[i - 1] + in.frames() + in.holdFrames();
                };
            }
        }
        shot1 = new int[frameCount];
        shot2 = new int[frameCount];
        w2 = new double[frameCount];
        solid = new int[frameCount];
        wSolid = new double[frameCount];
        boundary = new int[frameCount];
        java.util.Arrays.fill(boundary, -1);
        for (int i = 0; i < shotCount - 1; i++) for (int k = transitionStart[i]; k <= transitionEnd[i]; k++) boundary[k] = i;
        for (int i = 0; i < shotCount; i++) {
            for (int k = pureStart[i]; k <= pureEnd[i]; k++) {
                shot1[k] = i;
                shot2[k] = -1;
                solid[k] = -1;
            }
        }
        for (int i = 0; i < shotCount - 1; i++) {
            Boundary bd = boundaries.get(i);
            int s = transitionStart[i], n = bd.frames();
            switch (bd.kind()) {
                case CUT -> { }
                case DISSOLVE, WIPE, SLIDE, PUSH -> {
                    for (int j = 0; j < n; j++) {
                        shot1[s + j] = i;
                        shot2[s + j] = i + 1;
                        w2[s + j] = (j + 1.0) / (n + 1);
                        solid[s + j] = -1;
                    }
                }
                case FADE_BLACK, FADE_WHITE -> {
                    int c = bd.kind() == BoundaryKind.FADE_BLACK ? 0 : 255;
                    int h = bd.holdFrames();
                    for (int j = 0; j < n; j++) { // out: (1-a)·A + a·C
                        shot1[s + j] = i;
                        shot2[s + j] = -1;
                        solid[s + j] = c;
                        wSolid[s + j] = (j + 1.0) / (n + 1);
                    }
                    for (int j = 0; j < h; j++) {
                        shot1[s + n + j] = -1;
                        shot2[s + n + j] = -1;
                        solid[s + n + j] = c;
                        wSolid[s + n + j] = 1;
                    }
                    for (int j = 0; j < n; j++) { // in: (1-a)·C + a·B
                        int k = s + n + h + j;
                        shot1[k] = i + 1;
                        shot2[k] = -1;
                        solid[k] = c;
                        wSolid[k] = 1 - (j + 1.0) / (n + 1);
                    }
                }
            }
        }
    }

    /** The scene's own frame counter of {@code shot} at video frame {@code k}. */
    int frameInShot(int shot, int k) { return k - firstVisible[shot]; }

    int pureLength(int shot) { return pureEnd[shot] - pureStart[shot] + 1; }

    /** First video frame of an event. */
    int eventStart(ShotEvent e) { return e.kind().spansShot() ? pureStart[e.shot()] : pureStart[e.shot()] + e.offset(); }

    /** Last video frame of an event, inclusive. */
    int eventEnd(ShotEvent e) { return e.kind().spansShot() ? pureEnd[e.shot()] : pureStart[e.shot()] + e.offset() + e.frames() - 1; }

    /** Hard cuts: the first frame of every shot entered by a {@link BoundaryKind#CUT}. */
    int[] cuts() {
        return java.util.stream.IntStream.range(0, shotCount - 1)
                .filter(i -> boundaries.get(i).kind() == BoundaryKind.CUT).map(i -> spanStart[i + 1]).toArray();
    }

    List<GroundTruth.Shot> shots() {
        List<GroundTruth.Shot> l = new ArrayList<>();
        for (int i = 0; i < shotCount; i++) l.add(new GroundTruth.Shot(pureStart[i], pureEnd[i]));
        return l;
    }

    /** Gradual transitions in the ground truth's convention (a fade is a fade-out, holding frames included, and a fade-in). */
    List<GroundTruth.Transition> transitions() {
        List<GroundTruth.Transition> l = new ArrayList<>();
        for (int i = 0; i < shotCount - 1; i++) {
            Boundary bd = boundaries.get(i);
            int s = transitionStart[i];
            switch (bd.kind()) {
                case CUT -> { }
                case DISSOLVE -> l.add(new GroundTruth.Transition(GroundTruth.DISSOLVE, s, transitionEnd[i]));
                case WIPE -> l.add(new GroundTruth.Transition(GroundTruth.WIPE, s, transitionEnd[i]));
                case SLIDE, PUSH -> l.add(new GroundTruth.Transition(GroundTruth.SLIDE, s, transitionEnd[i]));
                case FADE_BLACK, FADE_WHITE -> {
                    boolean black = bd.kind() == BoundaryKind.FADE_BLACK;
                    int outEnd = s + bd.frames() + bd.holdFrames() - 1;
                    l.add(new GroundTruth.Transition(black ? GroundTruth.FADE_OUT : GroundTruth.FADE_OUT_WHITE, s, outEnd));
                    l.add(new GroundTruth.Transition(black ? GroundTruth.FADE_IN : GroundTruth.FADE_IN_WHITE, outEnd + 1, transitionEnd[i]));
                }
            }
        }
        return l;
    }

    /** The events in the ground truth's convention: one per event, and a strobe's flashes also each as a flash. */
    List<GroundTruth.Event> events(List<ShotEvent> events) {
        List<GroundTruth.Event> l = new ArrayList<>();
        for (ShotEvent e : events) {
            String type = switch (e.kind()) {
                case FLASH -> GroundTruth.FLASH;
                case PAN -> GroundTruth.PAN;
                case MOTION -> GroundTruth.MOTION;
                case GRAIN -> GroundTruth.GRAIN;
                case STROBE -> GroundTruth.STROBE;
                case ZOOM_IN -> GroundTruth.ZOOM_IN;
                case ZOOM_OUT -> GroundTruth.ZOOM_OUT;
                case DARKEN -> GroundTruth.DARKEN;
                case BRIGHTEN -> GroundTruth.BRIGHTEN;
                case TEXTURE_CHANGE -> GroundTruth.TEXTURE_CHANGE;
                case WATER -> GroundTruth.WATER;
                case FIRE -> GroundTruth.FIRE;
                case SNOW -> GroundTruth.SNOW;
                case CROWD -> GroundTruth.CROWD;
            };
            l.add(new GroundTruth.Event(type, eventStart(e), eventEnd(e)));
            for (int[] f : e.flashes()) l.add(new GroundTruth.Event(GroundTruth.FLASH, eventStart(e) + f[0], eventStart(e) + f[0] + f[1] - 1));
        }
        l.sort(Comparator.comparingInt(GroundTruth.Event::startFrame).thenComparing(GroundTruth.Event::type));
        return l;
    }

    // ---------------------------------------------------------------- resolution from the spec's options

    static List<Boundary> resolveBoundaries(List<Integer> lengths, List<Boundary> explicit, BoundaryMix mix, long seed) {
        int n = lengths.size();
        List<Boundary> out = new ArrayList<>();
        if (explicit != null) {
            for (int i = 0; i < n - 1; i++) out.add(explicit.get(i % explicit.size()));
            return List.copyOf(out); // the Layout constructor checks that every shot keeps a pure frame
        }
        if (mix == null) {
            for (int i = 0; i < n - 1; i++) out.add(Boundary.CUT);
            return List.copyOf(out);
        }
        Random r = new Random(seed * 0x632BE59BD9B4E019L + 29);
        int min = SyntheticVideoSpec.MIN_PURE_FRAMES_DRAWN;
        int head = 0; // frames of shot i's span taken by its incoming transition
        for (int i = 0; i < n - 1; i++) {
            double u = r.nextDouble();
            int frames = mix.minFrames() + r.nextInt(mix.maxFrames() - mix.minFrames() + 1);
            int hold = r.nextInt(mix.maxHoldFrames() + 1);
            double fades = mix.dissolve() + mix.fadeBlack() + mix.fadeWhite();
            BoundaryKind kind = u < mix.dissolve() ? BoundaryKind.DISSOLVE
                    : u < mix.dissolve() + mix.fadeBlack() ? BoundaryKind.FADE_BLACK
                    : u < fades ? BoundaryKind.FADE_WHITE
                    : u < fades + mix.wipe() ? BoundaryKind.WIPE
                    : u < fades + mix.wipe() + mix.slide() ? BoundaryKind.SLIDE : BoundaryKind.CUT;
            if (kind == BoundaryKind.DISSOLVE) hold = 0;
            // only wipes and slides draw more, so a mix without them draws what it always did
            Direction direction = null;
            if (kind == BoundaryKind.WIPE) {
                hold = 0;
                direction = Direction.values()[r.nextInt(8)];
            } else if (kind == BoundaryKind.SLIDE) {
                hold = 0;
                direction = Direction.values()[r.nextInt(4)];
                if (r.nextBoolean()) kind = BoundaryKind.PUSH;
            }
            int leftRoom = lengths.get(i) - head - min, rightRoom = lengths.get(i + 1) - min;
            Boundary bd = Boundary.CUT;
            while (kind != BoundaryKind.CUT && frames >= 1) {
                Boundary cand = new Boundary(kind, frames, hold, direction);
                int t = cand.totalFrames();
                if (t / 2 <= leftRoom && t - t / 2 <= rightRoom) {
                    bd = cand;
                    break;
                }
                if (hold > 0) hold--; else frames--;
            }
            out.add(bd);
            int t = bd.totalFrames();
            head = t - t / 2;
        }
        return List.copyOf(out);
    }

    static List<ShotEvent> resolveEvents(Layout layout, List<ShotEvent> explicit, EventMix mix, long seed) {
        List<ShotEvent> out = new ArrayList<>();
        if (explicit != null) {
            for (ShotEvent e : explicit) {
                if (e.shot() >= layout.shotCount) throw new IllegalArgumentException("event in shot " + e.shot() + " of " + layout.shotCount + ": " + e);
                if (!e.kind().spansShot() && e.offset() + e.frames() > layout.pureLength(e.shot())) {
                    throw new IllegalArgumentException(e + " does not fit the " + layout.pureLength(e.shot()) + " pure frames of shot " + e.shot());
                }
                out.add(e);
            }
            for (ShotEvent e : explicit) {
                if (e.kind() != EventKind.TEXTURE_CHANGE) continue;
                for (ShotEvent o : explicit) {
                    if (o.shot() == e.shot() && (o.kind() == EventKind.WATER || o.kind() == EventKind.FIRE)) {
                        throw new IllegalArgumentException(e + ": water and fire have no background texture to change");
                    }
                }
            }
        } else if (mix != null) {
            Random r = new Random(seed * 0x85EBCA77C2B2AE63L + 43);
            int margin = SyntheticVideoSpec.EVENT_MARGIN_FRAMES;
            EventKind[] evolvingKinds = {EventKind.WATER, EventKind.FIRE, EventKind.SNOW, EventKind.CROWD};
            int prevEvolving = -1;
            for (int s = 0; s < layout.shotCount; s++) {
                boolean flash = r.nextDouble() < mix.flash();
                boolean pan = r.nextDouble() < mix.pan();
                boolean motion = r.nextDouble() < mix.motion();
                boolean grain = r.nextDouble() < mix.grain();
                int flashLen = 1 + r.nextInt(2), panLen = 6 + r.nextInt(11), motionLen = 6 + r.nextInt(9);
                List<ShotEvent> items = new ArrayList<>();
                if (flash) items.add(ShotEvent.flash(s, 0, flashLen));
                if (pan) items.add(ShotEvent.pan(s, 0, panLen));
                if (motion) items.add(ShotEvent.motion(s, 0, motionLen));
                // the edit-suite kinds draw only when asked for: a mix without them draws what it always did
                ShotEvent change = null;
                int evolving = -1;
                if (mix.hasEditKinds()) {
                    boolean strobe = r.nextDouble() < mix.strobe();
                    boolean zoom = r.nextDouble() < mix.zoom();
                    double u = r.nextDouble();
                    boolean evolve = r.nextDouble() < mix.evolving();
                    int strobeLen = 5 + r.nextInt(20), zoomLen = 8 + r.nextInt(13);
                    boolean zoomIn = r.nextBoolean();
                    int changeOffset = 1 + r.nextInt(3), lightLen = 10 + r.nextInt(21), textureLen = 2 + r.nextInt(5);
                    int kind = r.nextInt(4), other = r.nextInt(3);
                    if (strobe) items.add(ShotEvent.strobe(s, 0, strobeLen));
                    if (zoom) items.add(zoomIn ? ShotEvent.zoomIn(s, 0, zoomLen) : ShotEvent.zoomOut(s, 0, zoomLen));
                    if (evolve) evolving = kind == prevEvolving ? (kind + 1 + other) % 4 : kind;
                    boolean flat = evolving == 0 || evolving == 1; // water and fire have no background texture to change
                    if (u < mix.darken()) change = ShotEvent.darken(s, changeOffset, lightLen);
                    else if (u < mix.darken() + mix.brighten()) change = ShotEvent.brighten(s, changeOffset, lightLen);
                    else if (u < mix.darken() + mix.brighten() + mix.textureChange() && !flat) change = ShotEvent.textureChange(s, changeOffset, textureLen);
                    if (change != null && change.offset() + change.frames() + margin > layout.pureLength(s)) change = null;
                }
                prevEvolving = evolving;
                // seeded shuffle (Fisher-Yates)
                for (int i = items.size() - 1; i > 0; i--) {
                    int j = r.nextInt(i + 1);
                    ShotEvent t = items.get(i);
                    items.set(i, items.get(j));
                    items.set(j, t);
                }
                int first = change == null ? margin : change.offset() + change.frames() + margin;
                int usable = layout.pureLength(s) - margin - first;
                while (!items.isEmpty()) {
                    int need = items.stream().mapToInt(ShotEvent::frames).sum() + margin * (items.size() - 1);
                    if (need <= usable) break;
                    items.remove(items.size() - 1);
                }
                if (!items.isEmpty()) {
                    int free = usable - items.stream().mapToInt(ShotEvent::frames).sum() - margin * (items.size() - 1);
                    int[] slack = new int[items.size()];
                    for (int i = 0; i < slack.length; i++) slack[i] = r.nextInt(free + 1);
                    java.util.Arrays.sort(slack);
                    int at = first;
                    for (int i = 0; i < items.size(); i++) {
                        ShotEvent e = items.get(i);
                        int offset = at + slack[i];
                        out.add(new ShotEvent(e.kind(), s, offset, e.frames()));
                        at += e.frames() + margin;
                    }
                }
                if (change != null) out.add(change);
                if (grain) out.add(ShotEvent.grain(s));
                if (evolving >= 0) out.add(ShotEvent.evolving(evolvingKinds[evolving], s));
            }
        }
        out.sort(Comparator.comparingInt(ShotEvent::shot).thenComparingInt(ShotEvent::offset).thenComparing(ShotEvent::kind));
        return List.copyOf(out);
    }
}
