package dev.avastream.operators.crop;

import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.schema.CanvasCrop;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.ObjectAnnotation;
import dev.avastream.schema.ScoreComponent;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Places a crop of each {@link Canvas} on a still, from what its annotation knows of the picture:
 * faces, people (person mask and boxes) and saliency. Pure: an annotation and the frame's size in,
 * crop boxes out, each with the score components that chose it (docs/crops.md).
 *
 * <p>Why this shape: the crop is always the largest box of the canvas's aspect that fits the frame, so
 * it keeps all the resolution there is and only slides along one axis (across for a canvas narrower
 * than the frame, up and down for a wider one). Along that axis a face is either wholly inside, with a
 * margin for the head around its box, or wholly outside: a half face is never a crop. Among the
 * positions that cut no face, the score picks the one that keeps the most face (the largest counts
 * double), puts the subject on a third (or the centre) with room in the direction it looks, and keeps
 * the person and the salient region in. Only where every position cuts a face (a face wider than a
 * 2:3 crop) does the crop cut one, and it says so ({@code facesCut}).
 */
public final class CanvasCropper {

    public static final String FACES_KEPT = "facesKept";
    public static final String PLACEMENT = "subjectPlacement";
    public static final String PERSON_KEPT = "personKept";
    public static final String SALIENCY_KEPT = "saliencyKept";
    public static final String CENTRED = "centred";

    /** Positions tried along the free axis, besides the ones that put a face edge on the crop's edge. */
    private static final int STEPS = 240;
    /** Yaw (degrees) from which a face looks to one side and gets room on that side. */
    private static final double LOOKING_YAW = 15;
    /** A subject this close (share of the axis) to the frame's centre is centred, not put on a third. */
    private static final double CENTRE_ZONE = 0.1;
    /** Where a face's centre goes when the crop slides up and down: eyes on the upper third. */
    private static final double FACE_HEIGHT_TARGET = 0.38;
    /** The person mask must cover this share of the frame to place the crop (as SubjectPlacement). */
    private static final double MIN_PERSON_MASK = 0.02;

    /**
     * @param faceMargin      {@link Tunables#CROP_FACE_MARGIN}
     * @param facesKeptWeight {@link Tunables#CROP_FACES_KEPT_WEIGHT}, of {@value #FACES_KEPT}
     * @param placementWeight {@link Tunables#CROP_PLACEMENT_WEIGHT}, of {@value #PLACEMENT}
     * @param personWeight    {@link Tunables#CROP_PERSON_WEIGHT}, of {@value #PERSON_KEPT}
     * @param saliencyWeight  {@link Tunables#CROP_SALIENCY_WEIGHT}, of {@value #SALIENCY_KEPT}
     * @param centreWeight    {@link Tunables#CROP_CENTRE_WEIGHT}, of {@value #CENTRED}
     */
    public record Params(double faceMargin, double facesKeptWeight, double placementWeight, double personWeight,
                         double saliencyWeight, double centreWeight) implements Serializable {
        public Params {
            Setting.check(Tunables.CROP_FACE_MARGIN, faceMargin);
            Setting.check(Tunables.CROP_FACES_KEPT_WEIGHT, facesKeptWeight);
            Setting.check(Tunables.CROP_PLACEMENT_WEIGHT, placementWeight);
            Setting.check(Tunables.CROP_PERSON_WEIGHT, personWeight);
            Setting.check(Tunables.CROP_SALIENCY_WEIGHT, saliencyWeight);
            Setting.check(Tunables.CROP_CENTRE_WEIGHT, centreWeight);
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        /** As {@code values} set them. */
        public static Params from(SettingValues v) {
            return new Params(v.get(Tunables.CROP_FACE_MARGIN), v.get(Tunables.CROP_FACES_KEPT_WEIGHT),
                    v.get(Tunables.CROP_PLACEMENT_WEIGHT), v.get(Tunables.CROP_PERSON_WEIGHT),
                    v.get(Tunables.CROP_SALIENCY_WEIGHT), v.get(Tunables.CROP_CENTRE_WEIGHT));
        }
    }

    /** A crop in pixels of a frame: left, top, width, height. */
    public record PixelBox(int x, int y, int width, int height) {}

    private final Params params;

    public CanvasCropper(Params params) {
        this.params = params;
    }

    public CanvasCropper() {
        this(Params.defaults());
    }

    /** Crops for every canvas, for a frame of {@code width} x {@code height} pixels (its display shape). */
    public List<CanvasCrop> crops(FrameAnnotation a, int width, int height) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        List<CanvasCrop> out = new ArrayList<>(Canvas.values().length);
        for (Canvas c : Canvas.values()) out.add(crop(a, (double) width / height, c));
        return out;
    }

    /** The crop for one canvas on a frame of aspect {@code frameAspect} (width over height). */
    public CanvasCrop crop(FrameAnnotation a, double frameAspect, Canvas canvas) {
        // the picture: the frame inside its letterbox or pillarbox bars (LetterboxDetector), if any
        double x0 = bar(a.getBarLeft()), x1 = 1 - bar(a.getBarRight()), y0 = bar(a.getBarTop()), y1 = 1 - bar(a.getBarBottom());
        double pictureAspect = frameAspect * (x1 - x0) / (y1 - y0);
        boolean across = canvas.aspect() <= pictureAspect; // narrower than the picture: its full height, slides across
        double w = across ? canvas.aspect() * (y1 - y0) / frameAspect : x1 - x0;
        double h = across ? y1 - y0 : (x1 - x0) * frameAspect / canvas.aspect();
        double length = across ? w : h, lo = across ? x0 : y0, hi = across ? x1 : y1;
        Axis axis = new Axis(a, across);

        double best = Double.NEGATIVE_INFINITY;
        double bestAt = lo + (hi - lo - length) / 2;
        List<ScoreComponent> bestParts = List.of();
        int[] bestFaces = {0, 0};
        // First only positions that cut no face (with the head's margin, then without), else any.
        for (int pass = 0; pass < 3 && bestParts.isEmpty(); pass++) {
            double margin = pass == 0 ? params.faceMargin() : 0;
            boolean strict = pass < 2;
            for (double p : positions(axis, lo, hi, length)) {
                int[] faces = axis.faces(p, length, margin);
                if (strict && faces[1] > 0) continue;
                List<ScoreComponent> parts = new ArrayList<>(5);
                double s = score(axis, p, lo, hi, length, margin, parts);
                if (s > best + 1e-12) {
                    best = s;
                    bestAt = p;
                    bestParts = parts;
                    bestFaces = axis.faces(p, length, 0); // reported against the bare face boxes
                }
            }
        }
        double x = across ? bestAt : x0, y = across ? y0 : bestAt;
        return CanvasCrop.newBuilder().setCanvas(canvas.label()).setPurpose(canvas.purpose())
                .setX(x).setY(y).setWidth(w).setHeight(h).setSubject(axis.subject.name())
                .setFacesInside(bestFaces[0]).setFacesCut(bestFaces[1])
                .setScore(best).setComponents(bestParts).build();
    }

    /**
     * The crop in pixels of a {@code width} x {@code height} frame, of the canvas's aspect up to one
     * pixel: the side the crop fills (the picture's height, or its width) rounded to whole pixels, the
     * other from the aspect.
     */
    public static PixelBox pixels(CanvasCrop c, int width, int height) {
        double aspect = Canvas.named(c.getCanvas()).aspect();
        // from the height, unless that makes it wider than the box allows (the frame's shape differs a little
        // from the analysis picture's the box was placed on): then from the width
        int h = (int) Math.max(1, Math.min(height, Math.round(c.getHeight() * height)));
        int w = (int) Math.round(h * aspect);
        if (w > Math.min(width, Math.round(c.getWidth() * width) + 1)) {
            w = (int) Math.max(1, Math.min(width, Math.round(c.getWidth() * width)));
            h = (int) Math.max(1, Math.min(height, Math.round(w / aspect)));
        }
        int x = (int) Math.max(0, Math.min(width - w, Math.round(c.getX() * width)));
        int y = (int) Math.max(0, Math.min(height - h, Math.round(c.getY() * height)));
        return new PixelBox(x, y, w, h);
    }

    /** A bar's share, 0 when not measured. */
    private static double bar(double share) {
        return share > 0 ? share : 0;
    }

    /** Whether the crop cuts through the face's box (part of it inside, part outside). */
    public static boolean cuts(CanvasCrop c, FaceAnnotation f) {
        double eps = 1e-9;
        boolean inside = f.getX() >= c.getX() - eps && f.getX() + f.getWidth() <= c.getX() + c.getWidth() + eps
                && f.getY() >= c.getY() - eps && f.getY() + f.getHeight() <= c.getY() + c.getHeight() + eps;
        boolean outside = f.getX() + f.getWidth() <= c.getX() + eps || f.getX() >= c.getX() + c.getWidth() - eps
                || f.getY() + f.getHeight() <= c.getY() + eps || f.getY() >= c.getY() + c.getHeight() - eps;
        return !inside && !outside;
    }

    private double score(Axis axis, double p, double lo, double hi, double length, double margin, List<ScoreComponent> parts) {
        double total = 0;
        if (axis.faceCount() > 0) total += add(parts, FACES_KEPT, axis.faceAreaKept(p, length, margin), params.facesKeptWeight());
        if (axis.subject != Subject.NONE) {
            double t = (axis.subjectAt - p) / length;
            double placed = t < 0 || t > 1 ? 0 : clip01(1 - Math.abs(t - axis.target) / 0.5);
            total += add(parts, PLACEMENT, placed, params.placementWeight());
        }
        if (axis.personLo >= 0) {
            double kept = Math.max(0, Math.min(p + length, axis.personHi) - Math.max(p, axis.personLo));
            total += add(parts, PERSON_KEPT, kept / Math.max(1e-9, axis.personHi - axis.personLo), params.personWeight());
        }
        if (axis.saliencyAt >= 0) {
            total += add(parts, SALIENCY_KEPT, axis.saliencyAt >= p && axis.saliencyAt <= p + length ? 1 : 0,
                    params.saliencyWeight());
        }
        double slack = hi - lo - length;
        double centred = slack <= 1e-9 ? 1 : 1 - Math.abs(p - lo - slack / 2) / (slack / 2);
        total += add(parts, CENTRED, clip01(centred), params.centreWeight());
        return total;
    }

    private static double add(List<ScoreComponent> parts, String name, double value, double weight) {
        parts.add(ScoreComponent.newBuilder().setName(name).setValue(value).setWeight(weight)
                .setContribution(weight * value).build());
        return weight * value;
    }

    /** Every position to try: an even grid, and each one that puts a face's (or its margin's) edge on a crop edge. */
    private double[] positions(Axis axis, double lo, double hi, double length) {
        double last = Math.max(lo, hi - length);
        TreeSet<Double> at = new TreeSet<>();
        for (int i = 0; i <= STEPS; i++) at.add(lo + (last - lo) * i / STEPS);
        for (int i = 0; i < axis.faceCount(); i++) {
            double a = axis.faceLo[i], b = axis.faceHi[i], m = params.faceMargin() * (b - a);
            for (double edge : new double[] {a, b, a - m, b + m}) {
                at.add(edge);           // crop starts there
                at.add(edge - length);  // crop ends there
            }
        }
        return at.stream().filter(p -> p >= lo - 1e-12 && p <= last + 1e-12).mapToDouble(p -> Math.max(lo, Math.min(last, p))).toArray();
    }

    static double clip01(double v) { return Math.max(0, Math.min(1, v)); }

    /** What places the crop. */
    enum Subject { FACE, PERSON, SALIENCY, NONE }

    /** The annotation projected on the axis the crop slides along. */
    private static final class Axis {
        final double[] faceLo, faceHi, faceWeight;
        final Subject subject;
        final double subjectAt;
        final double target;
        final double personLo, personHi;
        final double saliencyAt;

        Axis(FrameAnnotation a, boolean across) {
            List<FaceAnnotation> faces = a.getFaces() == null ? List.of() : a.getFaces();
            faceLo = new double[faces.size()];
            faceHi = new double[faces.size()];
            faceWeight = new double[faces.size()];
            int largest = -1;
            for (int i = 0; i < faces.size(); i++) {
                FaceAnnotation f = faces.get(i);
                faceLo[i] = across ? f.getX() : f.getY();
                faceHi[i] = faceLo[i] + (across ? f.getWidth() : f.getHeight());
                faceWeight[i] = Math.max(1e-6, f.getShare());
                if (largest < 0 || f.getShare() > faces.get(largest).getShare()) largest = i;
            }
            if (largest >= 0) faceWeight[largest] *= 2;

            ObjectAnnotation tallest = null;
            for (ObjectAnnotation o : a.getObjects() == null ? List.<ObjectAnnotation>of() : a.getObjects()) {
                if ("person".equals(o.getLabel()) && (tallest == null || o.getHeight() > tallest.getHeight())) tallest = o;
            }
            personLo = tallest == null ? -1 : across ? tallest.getX() : tallest.getY();
            personHi = tallest == null ? -1 : personLo + (across ? tallest.getWidth() : tallest.getHeight());

            double sal = across ? a.getSaliencyCentroidX() : a.getSaliencyCentroidY();
            saliencyAt = sal >= 0 ? sal : -1;

            if (largest >= 0) {
                FaceAnnotation f = faces.get(largest);
                subject = Subject.FACE;
                subjectAt = (faceLo[largest] + faceHi[largest]) / 2;
                if (!across) target = FACE_HEIGHT_TARGET;
                else if (f.getYaw() >= LOOKING_YAW) target = 2.0 / 3; // turned towards image left: room on the left
                else if (f.getYaw() <= -LOOKING_YAW) target = 1.0 / 3;
                else target = restingLine(subjectAt);
            } else {
                double at = -1;
                if (a.getPersonMaskShare() >= MIN_PERSON_MASK) at = across ? a.getPersonMaskCentroidX() : a.getPersonMaskCentroidY();
                if (at < 0 && tallest != null) at = (personLo + personHi) / 2;
                if (at >= 0) {
                    subject = Subject.PERSON;
                    subjectAt = at;
                } else if (saliencyAt >= 0) {
                    subject = Subject.SALIENCY;
                    subjectAt = saliencyAt;
                } else {
                    subject = Subject.NONE;
                    subjectAt = 0.5;
                }
                target = restingLine(subjectAt);
            }
        }

        /** A subject near the frame's centre stays centred; one off to a side goes on that side's third. */
        private static double restingLine(double at) {
            if (Math.abs(at - 0.5) <= CENTRE_ZONE) return 0.5;
            return at < 0.5 ? 1.0 / 3 : 2.0 / 3;
        }

        int faceCount() { return faceLo.length; }

        /** {inside, cut}: faces wholly inside [p, p+length] with the margin, and faces neither inside nor outside. */
        int[] faces(double p, double length, double margin) {
            int inside = 0, cut = 0;
            double eps = 1e-9;
            for (int i = 0; i < faceLo.length; i++) {
                double m = margin * (faceHi[i] - faceLo[i]);
                double lo = Math.max(0, faceLo[i] - m), hi = Math.min(1, faceHi[i] + m);
                if (lo >= p - eps && hi <= p + length + eps) inside++;
                else if (!(faceHi[i] <= p + eps || faceLo[i] >= p + length - eps)) cut++;
            }
            return new int[] {inside, cut};
        }

        /** The share of face weight wholly inside. */
        double faceAreaKept(double p, double length, double margin) {
            double kept = 0, all = 0, eps = 1e-9;
            for (int i = 0; i < faceLo.length; i++) {
                double m = margin * (faceHi[i] - faceLo[i]);
                double lo = Math.max(0, faceLo[i] - m), hi = Math.min(1, faceHi[i] + m);
                all += faceWeight[i];
                if (lo >= p - eps && hi <= p + length + eps) kept += faceWeight[i];
            }
            return all == 0 ? 0 : kept / all;
        }
    }
}
