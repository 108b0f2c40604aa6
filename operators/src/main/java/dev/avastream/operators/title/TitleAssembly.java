package dev.avastream.operators.title;

import dev.avastream.operators.crop.CanvasCropper;
import dev.avastream.operators.config.Setting;
import dev.avastream.operators.config.SettingValues;
import dev.avastream.operators.config.Tunables;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.operators.rank.DiverseTopKSelector;
import dev.avastream.operators.rank.DiversityVector;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.ChunkResult;
import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;
import dev.avastream.schema.Shot;
import dev.avastream.schema.TitleProgress;
import dev.avastream.schema.TransitionType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * The title-level fold, as plain Java: chunks arrive (in any order), are folded strictly in chunk
 * order into shots and a bounded candidate pool, and every arrival yields a versioned
 * {@link CandidateSetUpdate}.
 *
 * <p>Folding in chunk order (buffering early arrivals) is what makes the result independent of the
 * order in which parallel decoders finish, and so identical after a restart from a checkpoint.
 *
 * <p>Composes four parts, each owning one nested record of {@link TitleProgress}:
 * {@link ChunkReorderBuffer} (which chunk to fold next), {@link TransitionSettler} (frames wait for
 * the gradual-transition detector), {@link ShotTracker} (the open shot, closing shots) and {@link
 * PoolBook} (the bounded pool's index and the published top-K).
 *
 * <p>This class holds no state of its own: the caller (the Flink wrapper, or a test) owns the
 * {@link TitleProgress}, the chunks waiting to be folded and the full pool entries, and is asked for
 * waiting chunks and pool entries one key at a time, only for what a step folds or shows. So they
 * can live in RocksDB without a step reading all of them.
 */
public final class TitleAssembly {


    /**
     * Parameters of the title fold. Defaults, meaning and valid range of each are written once, in
     * {@link Tunables}.
     */
    public record Params(
            /* Stills in the published set: Tunables.TOP_K. */
            int topK,
            /* Best frames kept per shot in the pool: Tunables.POOL_PER_SHOT. */
            int poolPerShot,
            /* Pool entries kept per title in all (at least topK): Tunables.POOL_SIZE. */
            int poolCapacity,
            /* Gradual transitions (dissolves, fades), found from the annotations in frame order. */
            GradualTransitionDetector.Params gradual,
            /* Two stills closer than this are one picture: Tunables.NEAR_DUPLICATE_DISTANCE. */
            double nearDuplicateDistance,
            /* Faces of one shot from two chunks this alike are one track: Tunables.FACE_TRACK_SIMILARITY. */
            double faceTrackSimilarity,
            /* Hand out every frame as it settles (Step.frames): Tunables.PUBLISH_FRAMES. */
            boolean publishFrames,
            /* Weight of the candidate's character's screen presence: Tunables.MAIN_CHARACTER_WEIGHT. */
            double mainCharacterWeight,
            /* Hysteresis of the published set: Tunables.KEEP_MARGIN. */
            double keepMargin,
            /* Perceptual-hash near-duplicate rule, -1 off: Tunables.NEAR_DUPLICATE_HAMMING. */
            int nearDuplicateHamming,
            /* Variety against score in the top-K (MMR lambda): Tunables.DIVERSITY_WEIGHT. */
            double diversityWeight,
            /* The values these were built from: a title with its own weight profile reads its weights from them. */
            SettingValues values) implements java.io.Serializable {
        public Params {
            Setting.check(Tunables.TOP_K, topK);
            Setting.check(Tunables.POOL_PER_SHOT, poolPerShot);
            Setting.check(Tunables.POOL_SIZE, poolCapacity);
            if (poolCapacity < topK) {
                throw new IllegalArgumentException(Tunables.POOL_SIZE.describe()
                        + " must be at least " + Tunables.TOP_K.describe() + ", was "
                        + poolCapacity + " < " + topK);
            }
            Objects.requireNonNull(gradual, "gradual");
            Setting.check(Tunables.NEAR_DUPLICATE_DISTANCE, nearDuplicateDistance);
            Setting.check(Tunables.FACE_TRACK_SIMILARITY, faceTrackSimilarity);
            Setting.check(Tunables.MAIN_CHARACTER_WEIGHT, mainCharacterWeight);
            Setting.check(Tunables.KEEP_MARGIN, keepMargin);
            Setting.check(Tunables.NEAR_DUPLICATE_HAMMING, nearDuplicateHamming);
            Setting.check(Tunables.DIVERSITY_WEIGHT, diversityWeight);
            if (values == null) values = SettingValues.defaults();
        }

        public Params(int topK, int poolPerShot, int poolCapacity, GradualTransitionDetector.Params gradual,
                      double nearDuplicateDistance, double faceTrackSimilarity, boolean publishFrames,
                      double mainCharacterWeight, double keepMargin) {
            this(topK, poolPerShot, poolCapacity, gradual, nearDuplicateDistance, faceTrackSimilarity, publishFrames,
                    mainCharacterWeight, keepMargin, Tunables.NEAR_DUPLICATE_HAMMING.defaultValue(),
                    Tunables.DIVERSITY_WEIGHT.defaultValue(), SettingValues.defaults());
        }

        /** The weight profile these parameters were built with ({@link Tunables#QUALITY_PROFILE}). */
        public String profile() { return values.get(Tunables.QUALITY_PROFILE); }

        /**
         * The main-character weight for a title scored with {@code profile}: this one for the profile
         * these were built with, else that profile's under what the values set explicitly.
         */
        public double mainCharacterWeight(String profile) {
            if (profile.equals(profile())) return mainCharacterWeight;
            return WeightProfile.forTitle(values, profile).get(Tunables.MAIN_CHARACTER_WEIGHT);
        }

        public Params(int topK, int poolPerShot, int poolCapacity, GradualTransitionDetector.Params gradual,
                      double nearDuplicateDistance, double faceTrackSimilarity) {
            this(topK, poolPerShot, poolCapacity, gradual, nearDuplicateDistance, faceTrackSimilarity,
                    Tunables.PUBLISH_FRAMES.defaultValue(), Tunables.MAIN_CHARACTER_WEIGHT.defaultValue(),
                    0.0, // no hysteresis, as before title.keep-margin existed: what these callers were written for
                    Tunables.NEAR_DUPLICATE_HAMMING.defaultValue(), Tunables.DIVERSITY_WEIGHT.defaultValue(),
                    SettingValues.defaults());
        }

        public Params(int topK, int poolPerShot, int poolCapacity, GradualTransitionDetector.Params gradual) {
            this(topK, poolPerShot, poolCapacity, gradual,
                    Tunables.NEAR_DUPLICATE_DISTANCE.defaultValue(), Tunables.FACE_TRACK_SIMILARITY.defaultValue());
        }

        public Params(int topK, int poolPerShot, int poolCapacity) {
            this(topK, poolPerShot, poolCapacity, GradualTransitionDetector.Params.defaults());
        }

        /** The same parameters, publishing every frame or not. */
        public Params withPublishFrames(boolean publish) {
            return new Params(topK, poolPerShot, poolCapacity, gradual, nearDuplicateDistance, faceTrackSimilarity,
                    publish, mainCharacterWeight, keepMargin, nearDuplicateHamming, diversityWeight, values);
        }

        /** The same parameters with another diversity weight (0: the top-K in score order). */
        public Params withDiversityWeight(double weight) {
            return new Params(topK, poolPerShot, poolCapacity, gradual, nearDuplicateDistance, faceTrackSimilarity,
                    publishFrames, mainCharacterWeight, keepMargin, nearDuplicateHamming, weight, values);
        }

        /** The top-K selection these parameters make. */
        /** Where each published still's crops go (the crop.* settings). */
        public CanvasCropper.Params crops() {
            return CanvasCropper.Params.from(values);
        }

        public DiverseTopKSelector.Params selection() {
            return new DiverseTopKSelector.Params(topK, nearDuplicateDistance, keepMargin, nearDuplicateHamming,
                    diversityWeight, values.get(Tunables.FILL_MIN_SCORE_SHARE));
        }

        public static Params defaults() { return from(SettingValues.defaults()); }

        /** The title fold's parameters as {@code values} set them. */
        public static Params from(SettingValues v) {
            SettingValues weights = WeightProfile.resolve(v);
            return new Params(v.get(Tunables.TOP_K),
                    v.get(Tunables.POOL_PER_SHOT),
                    v.get(Tunables.POOL_SIZE), GradualTransitionDetector.Params.from(v),
                    v.get(Tunables.NEAR_DUPLICATE_DISTANCE), v.get(Tunables.FACE_TRACK_SIMILARITY),
                    v.get(Tunables.PUBLISH_FRAMES), weights.get(Tunables.MAIN_CHARACTER_WEIGHT), v.get(Tunables.KEEP_MARGIN),
                    v.get(Tunables.NEAR_DUPLICATE_HAMMING), v.get(Tunables.DIVERSITY_WEIGHT), v);
        }
    }

    private final Params params;

    /** Places each published still's crops (docs/crops.md). */
    private final CanvasCropper cropper;

    public TitleAssembly(Params params) {
        this.params = params;
        this.cropper = new CanvasCropper(params.crops());
    }

    public Params params() { return params; }

    /** A fresh progress record for the title a first chunk belongs to. */
    public static TitleProgress start(ChunkResult first) {
        return TitleProgress.newBuilder()
                .setRunId(first.getRunId())
                .setTitleId(first.getTitleId())
                .setSource(first.getSource())
                .setChunkCount(first.getChunkCount())
                .setTitleFrameCount(first.getTitleFrameCount())
                .setProfile(first.getProfile())
                .setErrors(new ArrayList<>())
                .setChunks(ChunkReorderBuffer.empty())
                .setShots(ShotTracker.empty())
                .setSettling(TransitionSettler.empty())
                .setPool(PoolBook.empty())
                .build();
    }

    /**
     * What one chunk arrival changed: shots closed, pool edits, the chunks folded (their payloads
     * are no longer needed), the update to publish and, with {@link Params#publishFrames()}, the
     * frames settled by this step in frame order (empty otherwise).
     */
    public record Step(List<Shot> closedShots, List<Candidate> poolAdded, List<Long> poolRemoved,
                       CandidateSetUpdate update, boolean complete, List<Integer> chunksFolded,
                       List<FrameRecord> frames) {}

    /** Whether a chunk was seen before (a replay after recovery, or a duplicate event): ignore it. */
    public static boolean isDuplicate(TitleProgress progress, ChunkResult chunk) {
        return new ChunkReorderBuffer(progress.getChunks()).isDuplicate(chunk.getChunkIndex());
    }

    /**
     * Records a chunk that is not a duplicate as received; the caller keeps it under its chunk index
     * until a {@link Step} lists it as folded.
     */
    public static void receive(TitleProgress progress, ChunkResult chunk) {
        new ChunkReorderBuffer(progress.getChunks()).receive(chunk.getChunkIndex());
    }

    /**
     * Folds every chunk that is now contiguous, then builds the update.
     *
     * @param progress     the title's state, updated in place
     * @param waitingChunk a received chunk by index ({@link #receive}); asked only for the chunks this
     *                     step folds, in order; see {@link Step#chunksFolded()}
     * @param poolEntry    a full pool entry by frame index, as the caller keeps it ({@link
     *                     Step#poolAdded()}, {@link Step#poolRemoved()}); asked only for frames in the
     *                     top-K that were in the pool before this step
     * @param nowMs        the time of the update (the caller's clock: processing time in Flink)
     * @param forceClose   fold what there is even past missing chunks and close the title (idle
     *                     timeout): missing chunks become gaps
     */
    public Step onChunk(TitleProgress progress, IntFunction<ChunkResult> waitingChunk, LongFunction<Candidate> poolEntry,
                        long nowMs, boolean forceClose) {
        progress.setErrors(new ArrayList<>(progress.getErrors()));
        ChunkReorderBuffer order = new ChunkReorderBuffer(progress.getChunks());
        TransitionSettler settler = new TransitionSettler(progress.getSettling(), params.gradual());
        ShotTracker shots = new ShotTracker(progress.getShots(), progress.getRunId(), progress.getTitleId(),
                params.faceTrackSimilarity());
        PoolBook pool = new PoolBook(progress.getPool(), params.selection(), params.poolPerShot(), params.poolCapacity());
        List<Shot> closed = new ArrayList<>();
        List<Integer> folded = new ArrayList<>();
        progress.setCharacters(new ArrayList<>(progress.getCharacters()));
        CharacterBook characters = new CharacterBook(progress.getCharacters(), progress.getNextCharacterId(),
                params.faceTrackSimilarity(), params.mainCharacterWeight(progress.getProfile().toString()));
        SettledFrames settledOut = params.publishFrames()
                ? new SettledFrames(progress.getRunId(), progress.getTitleId()) : SettledFrames.NONE;

        while (true) {
            if (order.nextHasArrived()) {
                int index = order.next();
                ChunkResult next = waitingChunk.apply(index);
                if (next == null) throw new IllegalStateException(progress.getSource() + ": chunk " + index + " was received but is not kept");
                fold(progress, next, settler, shots, pool, closed, settledOut, characters);
                order.advance();
                folded.add(index);
            } else if (forceClose && order.hasWaiting()) {
                progress.getErrors().add(progress.getSource() + ": chunk " + order.next()
                        + " never arrived before the title was closed");
                endOfInput(settler, shots, pool, closed, settledOut, characters, TransitionType.GAP);
                order.advance();
            } else {
                break;
            }
        }

        boolean complete = forceClose || order.complete(progress.getChunkCount());
        if (complete) endOfInput(settler, shots, pool, closed, settledOut, characters, TransitionType.TITLE_END);
        settler.state();
        progress.setNextCharacterId(characters.nextId());

        Map<Long, Candidate> fresh = new HashMap<>();
        PoolBook.Outcome o = pool.close(complete);
        for (Candidate c : o.added()) fresh.put(c.getFrameIndex(), c);
        List<Candidate> top = new ArrayList<>(o.top().size());
        for (Long f : o.top()) {
            Candidate c = fresh.containsKey(f) ? fresh.get(f) : poolEntry.apply(f);
            if (c == null) throw new IllegalStateException(progress.getSource() + ": pool entry for frame " + f + " is not kept");
            String who = pool.mainCharacterOf(f); // a merge since it was written renames it
            if (who != null && !who.equals(c.getMainCharacter())) c = Candidate.newBuilder(c).setMainCharacter(who).build();
            top.add(withCrops(c));
        }

        progress.setVersion(progress.getVersion() + 1);
        CandidateSetUpdate update = CandidateSetUpdate.newBuilder()
                .setRunId(progress.getRunId())
                .setTitleId(progress.getTitleId())
                .setSource(progress.getSource())
                .setVersion(progress.getVersion())
                .setChunksReceived(order.received())
                .setChunksAssembled(order.folded())
                .setChunkCount(progress.getChunkCount())
                .setFramesProcessed(progress.getFramesProcessed())
                .setTitleFrameCount(progress.getTitleFrameCount())
                .setShotsClosed(shots.shotsClosed())
                .setPoolSize(o.size())
                .setComplete(complete)
                .setCandidates(top)
                .setAdded(o.newlyIn())
                .setRemoved(o.droppedOut())
                .setErrors(new ArrayList<>(progress.getErrors()))
                .setEmittedAtMs(nowMs)
                .setCharacters(new ArrayList<>(characters.ranked()))
                .setShotsCovered((int) top.stream().map(Candidate::getShotIndex).distinct().count())
                .setCharactersCovered((int) top.stream().map(Candidate::getMainCharacter).filter(m -> !m.isEmpty())
                        .distinct().count())
                .setDiversityIndex(diversityIndex(top))
                .setProfile(progress.getProfile())
                .build();
        return new Step(closed, o.added(), o.removed(), update, complete, folded, settledOut.records());
    }

    /**
     * The candidate with its canvas crops placed. Only published candidates carry them: they are cheap to
     * place from the annotation, so the pool does not keep them in state.
     */
    private Candidate withCrops(Candidate c) {
        if (c.getAnnotation() == null || c.getThumbnailWidth() <= 0 || c.getThumbnailHeight() <= 0) return c;
        return Candidate.newBuilder(c).setCrops(cropper.crops(c.getAnnotation(), c.getThumbnailWidth(),
                c.getThumbnailHeight())).build();
    }

    /** Folds one chunk, in order: its frames go through the settler, and what settles into shots and the pool. */
    private void fold(TitleProgress p, ChunkResult chunk, TransitionSettler settler, ShotTracker shots, PoolBook pool,
                      List<Shot> closed, SettledFrames settledOut, CharacterBook characters) {
        if (chunk.getError() != null) {
            p.getErrors().add(chunk.getError());
        }
        if (!chunk.getProfile().toString().equals(p.getProfile().toString())) {
            // A title is scored with one profile; a chunk scored with another would rank on other terms.
            p.getErrors().add(p.getSource() + ": chunk " + chunk.getChunkIndex() + " was scored with weight profile '"
                    + chunk.getProfile() + "', the title with '" + p.getProfile() + "'");
        }
        List<FrameAnnotation> frames = chunk.getAnnotations();
        if (frames.isEmpty()) {
            // Nothing decoded: decide what the detector holds, settle it, and end the open shot at the gap.
            endOfInput(settler, shots, pool, closed, settledOut, characters, TransitionType.GAP);
            return;
        }
        settler.addChunk(chunk.getCuts(), chunk.getCandidates());
        for (FrameAnnotation f : frames) {
            long last = settler.lastFed() >= 0 ? settler.lastFed() : shots.lastFrame();
            if (last >= 0 && f.getFrameIndex() != last + 1) {
                // Frames missing in between (a damaged stretch): nothing is stitched across it.
                endOfInput(settler, shots, pool, closed, settledOut, characters, TransitionType.GAP);
            }
            place(settler.feed(f), shots, pool, closed, settledOut, characters);
        }
        p.setFramesProcessed(p.getFramesProcessed() + frames.size());
    }

    /** The title (or a contiguous stretch of it) ends: settle everything, end the shot. */
    private static void endOfInput(TransitionSettler settler, ShotTracker shots, PoolBook pool, List<Shot> closed,
                                   SettledFrames settledOut, CharacterBook characters, TransitionType out) {
        place(settler.flush(), shots, pool, closed, settledOut, characters);
        shots.end(out, closed);
    }

    /**
     * Mean diversity distance ({@link DiversityVector}, 0..1) from each candidate to its nearest other
     * one: 0 when every still has a twin in the set, towards 1 when each differs from all others in
     * character, shot, colour, tone, composition and camera; 0 with fewer than two.
     */
    static double diversityIndex(List<Candidate> set) {
        if (set.size() < 2) return 0;
        double sum = 0;
        for (Candidate a : set) {
            double nearest = Double.POSITIVE_INFINITY;
            for (Candidate b : set) {
                if (a != b) nearest = Math.min(nearest, DiversityVector.distance(a, b));
            }
            sum += nearest;
        }
        return sum / set.size();
    }

    /** The character of the frame's largest face, or -1 without one. */
    private static int mainCharacter(FrameAnnotation frame, int[] characterOfFace) {
        int best = -1;
        double share = -1;
        for (int i = 0; i < characterOfFace.length; i++) {
            double s = frame.getFaces().get(i).getShare();
            if (characterOfFace[i] >= 0 && s > share) {
                share = s;
                best = characterOfFace[i];
            }
        }
        return best;
    }

    /**
     * Settled frames into shots, their candidates into the pool tagged with their shot, and each
     * frame (with its shot) to {@code settledOut}.
     */
    private static void place(List<TransitionSettler.SettledFrame> settled, ShotTracker shots, PoolBook pool,
                              List<Shot> closed, SettledFrames settledOut, CharacterBook characters) {
        for (TransitionSettler.SettledFrame s : settled) {
            if (s.covering() != null) {
                shots.blended(s.frame(), s.covering(), closed); // a blended frame: no shot, no candidate
                settledOut.add(s.frame(), -1);
                continue;
            }
            int shot = shots.add(s.frame(), s.reportedCut(), closed);
            int[] characterOfFace = characters.observe(s.frame(), shot);
            for (int[] merged : characters.drainMerges()) {
                pool.renameCharacter(CharacterBook.name(merged[0]), CharacterBook.name(merged[1]));
            }
            int main = mainCharacter(s.frame(), characterOfFace);
            settledOut.add(s.frame(), shot, main < 0 ? "" : CharacterBook.name(main));
            Candidate c = s.candidate();
            if (c != null) {
                shots.offerKeyFrame(c.getFrameIndex(), c.getScore());
                Candidate placed = characters.withPresence(Candidate.newBuilder(c).setShotIndex(shot)
                        .setMainCharacter(main < 0 ? "" : CharacterBook.name(main))
                        .setDiversity(c.getAnnotation() == null ? new ArrayList<>() : DiversityVector.of(c.getAnnotation()))
                        .build(), main);
                ShotSummary.copyTrackIds(s.frame(), placed.getAnnotation());
                pool.offer(placed);
            }
        }
    }
}
