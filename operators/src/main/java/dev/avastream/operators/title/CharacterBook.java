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
 * <p>Clusters change as evidence grows:
 * <ul>
 *   <li><b>Tracks.</b> A face on the same face track as a character's last face in this shot is that
 *       character, however its embedding drifts: the tracker linked them by identity and place.</li>
 *   <li><b>Merge.</b> Two characters whose centroids have become at least {@code similarity} alike,
 *       and who were never on one frame together, are one: the later-numbered joins the earlier, and
 *       its stills in the pool take the earlier's name. A mean of many faces is steadier than any one
 *       face, so two clusters started by the same person under different light converge.</li>
 *   <li><b>Split.</b> Each character keeps two parts: its core and, once a face joins it by less than
 *       {@value #SPLIT_MARGIN} over the threshold, an outlier part that later faces join when nearer.
 *       When the outlier part holds {@value #SPLIT_FACES} faces or more and the two parts are no longer
 *       {@code similarity} alike, the character held two people: the outlier part becomes a new
 *       character with its faces and model frames. A wrong merge is undone the same way (the merged
 *       character is the outlier part).</li>
 * </ul>
 *
 * <p>State is bounded: at most {@link #MAX_CHARACTERS}. When the book is full, a new face joins its
 * nearest character rather than starting one (as an outlier when unlike, so a split can still follow
 * once a merge frees a place), so the rarest faces blur into others but the main characters, seen
 * most, keep their clusters. Shots are counted once per character and shot; after a merge a shot both
 * had may count twice.
 *
 * <p>Edits the state list it is given, in place.
 */
final class CharacterBook {

    /** Characters kept per title. */
    static final int MAX_CHARACTERS = 64;
    /**
     * A face joining by less than this over the threshold starts (or joins) the outlier part: faces
     * that close to the line are the ones that could be someone else.
     */
    static final double SPLIT_MARGIN = 0.1;
    /** Faces the outlier part needs before it can split off: one or two odd faces are noise. */
    static final int SPLIT_FACES = 3;

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
     * Assigns the faces of a model frame of shot {@code shot} to characters, then merges and splits
     * what the new faces show (see the class comment).
     *
     * @return the character id of each face, in the frame's face order (-1 for a face without identity),
     *         as they are after any merge or split of this frame
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
            int track = faces.get(i).getTrackId();
            CharacterEntry c = onTrack(track, shot, seenHere);
            if (c == null) c = nearest(identity, seenHere);
            if (c == null) {
                c = CharacterEntry.newBuilder().setId(nextId++).setCentroid(copy(identity)).setFaces(0)
                        .setModelFrames(0).setShots(0).setLastShot(-1).setCoOccurring(new ArrayList<>()).build();
                entries.add(c);
            } else {
                joinPart(c, identity);
                c.setCentroid(mean(c.getCentroid(), c.getFaces(), identity, 1));
            }
            c.setFaces(c.getFaces() + 1);
            seenHere.add(c.getId()); // never one already on this frame: onTrack and nearest skip those
            c.setModelFrames(c.getModelFrames() + 1);
            if (c.getLastShot() != shot) {
                c.setLastShot(shot);
                c.setShots(c.getShots() + 1);
            }
            if (track >= 0) c.setLastTrack(track);
            ids[i] = c.getId();
        }
        recordTogether(seenHere);
        for (int id : seenHere) {
            int[] renamed = splitOrMerge(id);
            if (renamed != null) for (int i = 0; i < ids.length; i++) if (ids[i] == renamed[0]) ids[i] = renamed[1];
        }
        return ids;
    }

    /**
     * Merges since the last call, as pairs (the absorbed id, the id it joined), in order; clears them.
     * Stills already named after an absorbed character take the survivor's name.
     */
    List<int[]> drainMerges() {
        List<int[]> out = new ArrayList<>(merges);
        merges.clear();
        return out;
    }

    private final List<int[]> merges = new ArrayList<>();

    /** The character whose last face in this shot was on {@code track}, if it is not on this frame yet. */
    private CharacterEntry onTrack(int track, int shot, List<Integer> seenHere) {
        if (track < 0) return null;
        for (CharacterEntry c : entries) {
            if (c.getLastShot() == shot && c.getLastTrack() == track && !seenHere.contains(c.getId())) return c;
        }
        return null;
    }

    /** Adds a joining face to its core or its outlier part (see the class comment). */
    private void joinPart(CharacterEntry c, ByteBuffer face) {
        ByteBuffer core = c.getCore().remaining() == 0 ? c.getCentroid() : c.getCore();
        int coreFaces = c.getFaces() - c.getOutlierFaces();
        if (c.getOutlierFaces() == 0) {
            if (FaceAnnotator.similarity(face, core) >= similarity + SPLIT_MARGIN) return; // core only: centroid is the core
            c.setCore(copy(core));
            c.setOutlier(copy(face));
            c.setOutlierFaces(1);
            c.setOutlierModelFrames(1);
            return;
        }
        if (FaceAnnotator.similarity(face, c.getOutlier()) > FaceAnnotator.similarity(face, core)) {
            c.setOutlier(mean(c.getOutlier(), c.getOutlierFaces(), face, 1));
            c.setOutlierFaces(c.getOutlierFaces() + 1);
            c.setOutlierModelFrames(c.getOutlierModelFrames() + 1);
        } else {
            c.setCore(mean(core, coreFaces, face, 1));
        }
    }

    /** Characters on one frame are different people: each remembers the others, never to merge. */
    private void recordTogether(List<Integer> ids) {
        if (ids.size() < 2) return;
        for (int id : ids) {
            CharacterEntry c = byId(id);
            List<Integer> with = new ArrayList<>(c.getCoOccurring());
            for (int other : ids) if (other != id && !with.contains(other)) with.add(other);
            c.setCoOccurring(with);
        }
    }

    /**
     * Splits character {@code id} if its outlier part has grown apart, else merges it with a character
     * its centroid has come to match.
     *
     * @return {@code {id, survivor}} when {@code id} was merged into another, else null
     */
    private int[] splitOrMerge(int id) {
        CharacterEntry c = byId(id);
        if (c == null) return null;
        if (c.getOutlierFaces() >= SPLIT_FACES && c.getFaces() - c.getOutlierFaces() >= 1
                && FaceAnnotator.similarity(c.getCore(), c.getOutlier()) < similarity && entries.size() < MAX_CHARACTERS) {
            split(c);
            return null;
        }
        for (CharacterEntry other : new ArrayList<>(entries)) {
            if (other == c || c.getCoOccurring().contains(other.getId()) || other.getCoOccurring().contains(c.getId())) continue;
            if (FaceAnnotator.similarity(c.getCentroid(), other.getCentroid()) < similarity) continue;
            CharacterEntry survivor = c.getId() < other.getId() ? c : other, absorbed = survivor == c ? other : c;
            merge(survivor, absorbed);
            return absorbed == c ? new int[] {c.getId(), survivor.getId()} : null;
        }
        return null;
    }

    private void split(CharacterEntry c) {
        int faces = c.getOutlierFaces(), frames = Math.min(c.getOutlierModelFrames(), c.getModelFrames());
        CharacterEntry part = CharacterEntry.newBuilder().setId(nextId++).setCentroid(copy(c.getOutlier()))
                .setFaces(faces).setModelFrames(frames).setShots(Math.min(c.getShots(), frames))
                .setLastShot(c.getLastShot()).setCoOccurring(new ArrayList<>(List.of(c.getId()))).build();
        c.setCentroid(copy(c.getCore()));
        c.setFaces(c.getFaces() - faces);
        c.setModelFrames(Math.max(1, c.getModelFrames() - frames));
        c.setCore(ByteBuffer.allocate(0));
        c.setOutlier(ByteBuffer.allocate(0));
        c.setOutlierFaces(0);
        c.setOutlierModelFrames(0);
        List<Integer> with = new ArrayList<>(c.getCoOccurring());
        with.add(part.getId());
        c.setCoOccurring(with);
        entries.add(part);
    }

    /** {@code absorbed} joins {@code survivor}; it becomes the survivor's outlier part, so a wrong merge can split again. */
    private void merge(CharacterEntry survivor, CharacterEntry absorbed) {
        survivor.setCore(copy(survivor.getCentroid()));
        survivor.setOutlier(copy(absorbed.getCentroid()));
        survivor.setOutlierFaces(absorbed.getFaces());
        survivor.setOutlierModelFrames(absorbed.getModelFrames());
        survivor.setCentroid(mean(survivor.getCentroid(), survivor.getFaces(), absorbed.getCentroid(), absorbed.getFaces()));
        survivor.setFaces(survivor.getFaces() + absorbed.getFaces());
        survivor.setModelFrames(survivor.getModelFrames() + absorbed.getModelFrames());
        boolean sameShot = survivor.getLastShot() == absorbed.getLastShot();
        survivor.setShots(survivor.getShots() + absorbed.getShots() - (sameShot ? 1 : 0));
        if (absorbed.getLastShot() > survivor.getLastShot()) {
            survivor.setLastShot(absorbed.getLastShot());
            survivor.setLastTrack(absorbed.getLastTrack());
        }
        List<Integer> with = new ArrayList<>(survivor.getCoOccurring());
        for (int o : absorbed.getCoOccurring()) if (!with.contains(o)) with.add(o);
        survivor.setCoOccurring(with);
        entries.remove(absorbed);
        for (CharacterEntry e : entries) {
            if (e.getCoOccurring().contains(absorbed.getId())) {
                List<Integer> w = new ArrayList<>(e.getCoOccurring());
                w.remove(Integer.valueOf(absorbed.getId()));
                if (!w.contains(survivor.getId()) && e != survivor) w.add(survivor.getId());
                e.setCoOccurring(w);
            }
        }
        merges.add(new int[] {absorbed.getId(), survivor.getId()});
    }

    private CharacterEntry byId(int id) {
        for (CharacterEntry c : entries) if (c.getId() == id) return c;
        return null;
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

    /** The mean of {@code n} faces' centroid and {@code m} faces' centroid {@code other}, requantised. */
    private static ByteBuffer mean(ByteBuffer centroid, int n, ByteBuffer other, int m) {
        int d = Math.min(centroid.remaining(), other.remaining());
        float[] out = new float[d];
        double cn = norm(centroid), fn = norm(other);
        for (int i = 0; i < d; i++) {
            double c = cn == 0 ? 0 : centroid.get(centroid.position() + i) / cn;
            double f = fn == 0 ? 0 : other.get(other.position() + i) / fn;
            out[i] = (float) ((c * n + f * m) / (n + m));
        }
        return FaceAnnotator.quantise(out);
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
