package dev.avastream.operators.title;

import dev.avastream.operators.annotate.FaceAnnotator;
import dev.avastream.operators.annotate.FaceTracker;
import dev.avastream.operators.annotate.ModelFrame;
import dev.avastream.operators.annotate.ShotTypeClassifier.ShotType;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.OpenShot;
import dev.avastream.schema.Shot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a shot is, from its frames' annotations: its dominant shot type (over the model frames), its
 * dominant camera motion (over every frame), its face tracks and how many faces it shows. The open
 * shot keeps counts (in the title's state, so a shot that spans chunks and restarts is summarised
 * whole); the summary is made when the shot closes.
 */
final class ShotSummary {

    private static final String UNKNOWN = "UNKNOWN";

    private ShotSummary() {}

    /**
     * Counts a frame of the open shot, and gives its faces the shot's track ids: a chunk tracks faces
     * within its own frames ({@code FaceTracker}), so a shot that spans chunks gets a track per chunk
     * for one person; here a track that first appears in a later chunk joins the shot's track from an
     * earlier chunk whose latest face is at least {@code similarity} alike (cosine of the identity
     * embeddings; the most alike first, one face per track on a frame), or stays a track of its own.
     */
    static void add(OpenShot o, FrameAnnotation f, double similarity) {
        count(o.getCameraMotionCounts(), f.getCameraMotion(), o::setCameraMotionCounts);
        if (ModelFrame.NONE.name().equals(f.getModelFrame())) return;
        o.setModelFrames(o.getModelFrames() + 1);
        count(o.getShotTypeCounts(), f.getShotType(), o::setShotTypeCounts);
        List<FaceAnnotation> faces = f.getFaces();
        if (faces.isEmpty()) return;
        o.setFramesWithFaces(o.getFramesWithFaces() + 1);
        o.setMaxFaces(Math.max(o.getMaxFaces(), faces.size()));
        joinTracks(o, faces, similarity);
        List<Integer> tracks = o.getFaceTrackIds();
        for (FaceAnnotation face : faces) {
            if (face.getTrackId() >= 0 && !tracks.contains(face.getTrackId())) {
                tracks = new ArrayList<>(tracks);
                tracks.add(face.getTrackId());
                o.setFaceTrackIds(tracks);
            }
        }
    }

    private static void joinTracks(OpenShot o, List<FaceAnnotation> faces, double similarity) {
        Map<String, Integer> aliases = new HashMap<>(o.getTrackAliases());
        Map<String, java.nio.ByteBuffer> identities = new HashMap<>(o.getTrackIdentities());
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (FaceAnnotation face : faces) {
            Integer known = aliases.get(String.valueOf(face.getTrackId()));
            if (known != null) taken.add(known);
        }
        for (FaceAnnotation face : faces) {
            int id = face.getTrackId();
            if (id < 0) continue;
            Integer shotId = aliases.get(String.valueOf(id));
            if (shotId == null) {
                shotId = id;
                double best = similarity;
                int chunk = id / FaceTracker.IDS_PER_CHUNK;
                for (Map.Entry<String, java.nio.ByteBuffer> e : identities.entrySet()) {
                    int candidate = Integer.parseInt(e.getKey());
                    // a chunk already told its own faces apart: join only tracks of earlier chunks
                    if (candidate / FaceTracker.IDS_PER_CHUNK == chunk || taken.contains(candidate)) continue;
                    double s = FaceAnnotator.similarity(face.getIdentity(), e.getValue());
                    if (s >= best) {
                        best = s;
                        shotId = candidate;
                    }
                }
                aliases.put(String.valueOf(id), shotId);
                taken.add(shotId);
            }
            face.setTrackId(shotId);
            if (face.getIdentity() != null && face.getIdentity().remaining() > 0) {
                identities.put(String.valueOf(shotId), face.getIdentity());
            }
        }
        o.setTrackAliases(aliases);
        o.setTrackIdentities(identities);
    }

    /**
     * Gives a candidate's faces the track ids its frame got in the shot (the candidate's annotation
     * is a copy of the frame's, faces in the same order).
     */
    static void copyTrackIds(FrameAnnotation frame, FrameAnnotation candidate) {
        if (candidate == null || frame.getFaces().size() != candidate.getFaces().size()) return;
        for (int i = 0; i < frame.getFaces().size(); i++) {
            candidate.getFaces().get(i).setTrackId(frame.getFaces().get(i).getTrackId());
        }
    }

    /** Sets the summary fields of the shot closing from {@code o}. */
    static void summarise(OpenShot o, Shot.Builder shot) {
        Map<String, Integer> types = o.getShotTypeCounts();
        shot.setModelFrames(o.getModelFrames())
                .setShotType(dominant(types, true))
                .setShotTypeShares(shares(types))
                .setCameraMotion(dominant(o.getCameraMotionCounts(), false))
                .setCameraMotionShares(shares(o.getCameraMotionCounts()))
                .setFaceTracks(new ArrayList<>(o.getFaceTrackIds()))
                .setMaxFaces(o.getModelFrames() == 0 ? -1 : o.getMaxFaces())
                .setFaceFrameShare(o.getModelFrames() == 0 ? -1 : o.getFramesWithFaces() / (double) o.getModelFrames());
    }

    /**
     * The most frequent known value (UNKNOWN left out), or UNKNOWN. A tie goes, for shot types, to
     * the closer type (a close-up in a shot that is half close-up is what it is remembered by);
     * otherwise to the name first in alphabetical order, so the answer does not depend on map order.
     */
    static String dominant(Map<String, Integer> counts, boolean shotTypes) {
        String best = UNKNOWN;
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String k = e.getKey();
            if (k.equals(UNKNOWN)) continue;
            int n = e.getValue();
            if (n > most || (n == most && before(k, best, shotTypes))) {
                best = k;
                most = n;
            }
        }
        return best;
    }

    private static boolean before(String a, String b, boolean shotTypes) {
        if (shotTypes) {
            try {
                return ShotType.valueOf(a).ordinal() < ShotType.valueOf(b).ordinal();
            } catch (IllegalArgumentException unknownName) {
                // a type this version does not know: fall back to the name
            }
        }
        return a.compareTo(b) < 0;
    }

    private static Map<String, Double> shares(Map<String, Integer> counts) {
        double total = counts.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> m = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> m.put(e.getKey(), total == 0 ? 0 : e.getValue() / total));
        return m;
    }

    private static void count(Map<String, Integer> counts, String key, java.util.function.Consumer<Map<String, Integer>> set) {
        // Avro maps read back from state may be immutable: replace rather than edit
        Map<String, Integer> m = counts instanceof HashMap<String, Integer> h ? h : new HashMap<>(counts);
        m.merge(key, 1, Integer::sum);
        if (m != counts) set.accept(m);
    }
}
