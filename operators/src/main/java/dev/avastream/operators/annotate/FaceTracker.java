package dev.avastream.operators.annotate;

import dev.avastream.models.image.Box;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;

/**
 * Face tracks within a shot: gives the faces of the model frames between two cuts a track id each,
 * the same id for the same person. The model frames are a second or so apart, so boxes alone do not
 * link faces (people move, the camera pans); the identity embedding does, with box overlap as the
 * tie-breaker between look-alikes. A cut ends every track.
 *
 * <p>Frame by frame, every pair of a face and a live track (its latest face) whose embeddings are at
 * least {@code similarity} alike, or whose boxes overlap by {@value #SAME_PLACE_IOU} or more while the
 * embeddings are at least {@value #SAME_PLACE_SIMILARITY_MARGIN} below that alike, is a candidate
 * link; links are made greedily, the most alike first, one face per track; the other faces start
 * tracks.
 *
 * <p>Track ids are {@code base + n}: with a base per chunk (its index x {@value #IDS_PER_CHUNK}),
 * they are unique within the title.
 */
public final class FaceTracker {

    /** Track ids one chunk may use. */
    public static final int IDS_PER_CHUNK = 10_000;
    /** Box overlap from which a face in the same place continues a track with a weaker embedding match. */
    static final double SAME_PLACE_IOU = 0.4;
    /** How much weaker the embedding match of a face in the same place may be. */
    static final double SAME_PLACE_SIMILARITY_MARGIN = 0.15;

    private final double similarity;

    /** @param similarity {@code models.face-track-similarity} */
    public FaceTracker(double similarity) {
        this.similarity = similarity;
    }

    private record Link(int face, int track, double strength) {}

    /**
     * Sets the track ids of the faces in {@code frames} (in frame order; frames without faces or
     * model annotations are passed over).
     *
     * @param cuts     first frames of shots, any that fall among the frames (others are ignored)
     * @param firstId  the first track id to give
     * @return the next free track id
     */
    public int track(List<FrameAnnotation> frames, NavigableSet<Long> cuts, int firstId) {
        int next = firstId;
        List<FaceAnnotation> live = new ArrayList<>();
        Long shot = null;
        for (FrameAnnotation frame : frames) {
            Long start = cuts.floor(frame.getFrameIndex());
            long shotStart = start == null ? Long.MIN_VALUE : start;
            if (shot == null || shot != shotStart) {
                live.clear();
                shot = shotStart;
            }
            List<FaceAnnotation> faces = frame.getFaces();
            if (faces.isEmpty()) continue;
            List<Link> links = new ArrayList<>();
            for (int f = 0; f < faces.size(); f++) {
                for (int t = 0; t < live.size(); t++) {
                    double s = FaceAnnotator.similarity(faces.get(f).getIdentity(), live.get(t).getIdentity());
                    double iou = iou(faces.get(f), live.get(t));
                    boolean alike = s >= similarity;
                    boolean samePlace = iou >= SAME_PLACE_IOU && s >= similarity - SAME_PLACE_SIMILARITY_MARGIN;
                    if (alike || samePlace) links.add(new Link(f, t, s + 0.5 * iou));
                }
            }
            links.sort(Comparator.comparingDouble(Link::strength).reversed());
            boolean[] faceDone = new boolean[faces.size()];
            boolean[] trackDone = new boolean[live.size()];
            FaceAnnotation[] updated = live.toArray(new FaceAnnotation[0]);
            for (Link l : links) {
                if (faceDone[l.face()] || trackDone[l.track()]) continue;
                faceDone[l.face()] = true;
                trackDone[l.track()] = true;
                FaceAnnotation face = faces.get(l.face());
                face.setTrackId(live.get(l.track()).getTrackId());
                updated[l.track()] = face;
            }
            live = new ArrayList<>(List.of(updated));
            for (int f = 0; f < faces.size(); f++) {
                if (faceDone[f]) continue;
                FaceAnnotation face = faces.get(f);
                face.setTrackId(next++);
                live.add(face);
            }
        }
        return next;
    }

    private static double iou(FaceAnnotation a, FaceAnnotation b) {
        return box(a).iou(box(b));
    }

    private static Box box(FaceAnnotation f) {
        return new Box(f.getX(), f.getY(), f.getWidth(), f.getHeight());
    }
}
