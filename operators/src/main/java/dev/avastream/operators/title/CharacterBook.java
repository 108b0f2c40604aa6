package dev.avastream.operators.title;

import dev.avastream.operators.annotate.FaceAnnotator;
import dev.avastream.schema.TitleCharacter;
import dev.avastream.schema.CharacterEntry;
import dev.avastream.schema.FaceAnnotation;
import dev.avastream.schema.FrameAnnotation;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A title's characters without a cast list: the faces of its model frames clustered online by
 * identity embedding, in frame order as the title operator folds them. A face joins the character
 * whose centroid (mean embedding) is most alike, if at least {@code similarity}; otherwise it starts
 * a new character, numbered in order of first appearance. Each character counts its faces, the model
 * frames it is on (its screen presence: about one a second plus the candidates) and its shots.
 *
 * <p>State is bounded: at most {@link #MAX_CHARACTERS}. When the book is full, a new face joins its
 * nearest character rather than starting one, so the rarest faces blur into others but the main
 * characters, seen most, keep their clusters. Clusters do not split or merge after the fact yet.
 *
 * <p>Edits the state list it is given, in place.
 */
final class CharacterBook {

    /** Characters kept per title. */
    static final int MAX_CHARACTERS = 64;

    private final List<CharacterEntry> entries;
    /** Name of the score component {@link #withPresence} adds. */
    static final String MAIN_CHARACTER = "mainCharacter";

    private final double similarity;
    private final double presenceWeight;
    private int nextId;

    CharacterBook(List<CharacterEntry> entries, int nextId, double similarity) {
        this(entries, nextId, similarity, 0);
    }

    /** @param presenceWeight weight of the {@value #MAIN_CHARACTER} component ({@code quality.main-character-weight}) */
    CharacterBook(List<CharacterEntry> entries, int nextId, double similarity, double presenceWeight) {
        this.entries = entries;
        this.nextId = nextId;
        this.similarity = similarity;
        this.presenceWeight = presenceWeight;
    }

    /**
     * How much of a main character {@code id} is so far: its model frames over the most any character
     * has, 0..1 (1 for the lead; 0 for no character).
     */
    double presence(int id) {
        int most = 0, mine = 0;
        for (CharacterEntry c : entries) {
            most = Math.max(most, c.getModelFrames());
            if (c.getId() == id) mine = c.getModelFrames();
        }
        return most == 0 ? 0 : mine / (double) most;
    }

    /**
     * The candidate with a {@value #MAIN_CHARACTER} component: its main character's {@link #presence}
     * when it is placed, weighted, added to its score. Stills of the lead outrank stills of extras
     * whose faces are as good; a frame without a face gets 0. The presence is the one known when the
     * candidate settles: a character who grows into the lead later does not lift its early stills.
     */
    dev.avastream.schema.Candidate withPresence(dev.avastream.schema.Candidate c, int id) {
        if (presenceWeight == 0) return c;
        double value = id < 0 ? 0 : presence(id);
        double contribution = presenceWeight * value;
        List<dev.avastream.schema.ScoreComponent> parts = new ArrayList<>(c.getComponents());
        parts.add(dev.avastream.schema.ScoreComponent.newBuilder().setName(MAIN_CHARACTER).setValue(value)
                .setWeight(presenceWeight).setContribution(contribution).build());
        return dev.avastream.schema.Candidate.newBuilder(c).setComponents(parts).setScore(c.getScore() + contribution).build();
    }

    int nextId() { return nextId; }

    /** The name of character {@code id}. */
    static String name(int id) { return "character-" + id; }

    /**
     * Assigns the faces of a model frame of shot {@code shot} to characters.
     *
     * @return the character id of each face, in the frame's face order (-1 for a face without identity)
     */
    int[] observe(FrameAnnotation frame, int shot) {
        List<FaceAnnotation> faces = frame.getFaces();
        int[] ids = new int[faces.size()];
        List<Integer> seenHere = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            ByteBuffer identity = faces.get(i).getIdentity();
            if (identity == null || identity.remaining() == 0) {
                ids[i] = -1;
                continue;
            }
            CharacterEntry c = nearest(identity, seenHere);
            if (c == null) {
                c = CharacterEntry.newBuilder().setId(nextId++).setCentroid(copy(identity)).setFaces(0)
                        .setModelFrames(0).setShots(0).setLastShot(-1).build();
                entries.add(c);
            } else {
                c.setCentroid(mean(c.getCentroid(), c.getFaces(), identity));
            }
            c.setFaces(c.getFaces() + 1);
            if (!seenHere.contains(c.getId())) {
                seenHere.add(c.getId());
                c.setModelFrames(c.getModelFrames() + 1);
            }
            if (c.getLastShot() != shot) {
                c.setLastShot(shot);
                c.setShots(c.getShots() + 1);
            }
            ids[i] = c.getId();
        }
        return ids;
    }

    /**
     * The character alike enough (or, with the book full, the nearest), not one already seen on this
     * frame (two faces of one frame are two people); null for a new one.
     */
    private CharacterEntry nearest(ByteBuffer identity, List<Integer> seenHere) {
        CharacterEntry best = null;
        double bestSimilarity = -2;
        for (CharacterEntry c : entries) {
            if (seenHere.contains(c.getId())) continue;
            double s = FaceAnnotator.similarity(identity, c.getCentroid());
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = c;
            }
        }
        if (best != null && (bestSimilarity >= similarity || entries.size() >= MAX_CHARACTERS)) return best;
        return null;
    }

    /** The characters, most screen presence first (model frames, then shots, then first appearance). */
    List<TitleCharacter> ranked() {
        return entries.stream()
                .sorted(Comparator.comparingInt(CharacterEntry::getModelFrames).reversed()
                        .thenComparing(Comparator.comparingInt(CharacterEntry::getShots).reversed())
                        .thenComparingInt(CharacterEntry::getId))
                .map(c -> TitleCharacter.newBuilder().setName(name(c.getId())).setModelFrames(c.getModelFrames())
                        .setShots(c.getShots()).setFaces(c.getFaces()).build())
                .toList();
    }

    private static ByteBuffer copy(ByteBuffer b) {
        byte[] q = new byte[b.remaining()];
        b.duplicate().get(q);
        return ByteBuffer.wrap(q);
    }

    /** The running mean of {@code n} faces' centroid and one more face, requantised. */
    private static ByteBuffer mean(ByteBuffer centroid, int n, ByteBuffer face) {
        int d = Math.min(centroid.remaining(), face.remaining());
        float[] m = new float[d];
        double cn = norm(centroid), fn = norm(face);
        for (int i = 0; i < d; i++) {
            double c = cn == 0 ? 0 : centroid.get(centroid.position() + i) / cn;
            double f = fn == 0 ? 0 : face.get(face.position() + i) / fn;
            m[i] = (float) ((c * n + f) / (n + 1));
        }
        return FaceAnnotator.quantise(m);
    }

    private static double norm(ByteBuffer b) {
        double s = 0;
        for (int i = 0; i < b.remaining(); i++) {
            int v = b.get(b.position() + i);
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
