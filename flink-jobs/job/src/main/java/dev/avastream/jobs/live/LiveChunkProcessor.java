package dev.avastream.jobs.live;

import dev.avastream.decoders.ChunkSpec;
import dev.avastream.decoders.VideoDecodeException;
import dev.avastream.decoders.VideoProbe;
import dev.avastream.decoders.VideoProber;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.config.WeightProfile;
import dev.avastream.schema.ChunkReady;
import dev.avastream.schema.ChunkResult;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Turns one ChunkReady event into the {@link ChunkResult} the title operator folds, with the same
 * decoder and analysis the file source uses ({@link ChunkProcessor}); plain Java, no Flink.
 *
 * <p>Each title is scored with the weight profile its events name ({@code ChunkReady.profile}), or
 * the job's ({@code quality.profile}) when they name none; an event naming a profile the job does not
 * know is rejected.
 *
 * <p>An event that cannot be used is rejected with a reason (for the dead-letter topic). When the
 * event still names a title and chunk (its file is missing, unreadable, or has fewer frames than it
 * claims), a failed result for that chunk goes on as well, so the title records the gap and can
 * still complete instead of waiting for the chunk until its idle timeout.
 */
public final class LiveChunkProcessor implements AutoCloseable {

    /** What an event yields: a result to fold, a rejection for the dead-letter topic, or both. */
    public record Outcome(ChunkResult result, String rejection) {
        static Outcome ok(ChunkResult r) { return new Outcome(r, null); }
        static Outcome rejected(String why) { return new Outcome(null, why); }
    }

    private final String runId;
    private final ChunkProcessor.Config config;
    private ChunkProcessor processor;

    public LiveChunkProcessor(String runId, ChunkProcessor.Config config) {
        this.runId = runId;
        this.config = config;
    }

    /** Decodes a Kafka value; a record that is not a ChunkReady throws with the reason. */
    public static ChunkReady decode(byte[] value) {
        if (value == null) throw new IllegalArgumentException("empty record (null value)");
        try {
            return ChunkReady.fromByteBuffer(ByteBuffer.wrap(value));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a ChunkReady record (" + value.length + " bytes): " + e, e);
        }
    }

    /** Why the event's fields make no sense, or null. */
    public static String invalid(ChunkReady e) {
        String id = "chunk " + e.getChunkIndex() + " of title '" + e.getTitleId() + "'";
        if (e.getTitleId().toString().isBlank()) return "no titleId";
        String profile = e.getProfile().toString();
        if (!profile.isEmpty() && !WeightProfile.known(profile)) {
            return (e.getEndOfTitle() ? "end of title '" + e.getTitleId() + "'" : id) + ": " + WeightProfile.unknown(profile);
        }
        if (e.getEndOfTitle()) {
            if (e.getChunkCount() < 1) return "end of title '" + e.getTitleId() + "' without a chunk count (" + e.getChunkCount() + ")";
            return null;
        }
        if (e.getChunkIndex() < 0) return id + ": negative chunk index";
        if (e.getChunkCount() >= 0 && e.getChunkIndex() >= e.getChunkCount()) return id + ": index beyond chunkCount " + e.getChunkCount();
        if (e.getUri().toString().isBlank()) return id + ": no uri";
        if (e.getFrameCount() < 1) return id + ": frameCount " + e.getFrameCount() + " (must be at least 1)";
        if (e.getPreRollFrames() < 0) return id + ": negative preRollFrames " + e.getPreRollFrames();
        if (e.getFirstFrame() < e.getPreRollFrames()) {
            return id + ": " + e.getPreRollFrames() + " pre-roll frames before frame " + e.getFirstFrame();
        }
        return null;
    }

    /** Handles one decoded event. */
    public Outcome process(ChunkReady e) {
        String bad = invalid(e);
        if (bad != null) return Outcome.rejected(bad);
        if (e.getEndOfTitle()) return Outcome.ok(endOfTitle(e));

        String file = localPath(e.getUri().toString());
        String id = file + ": chunk " + e.getChunkIndex() + " of title '" + e.getTitleId() + "'";
        if (!Files.isRegularFile(Path.of(file))) return failed(e, id + ": file not found");
        VideoProbe probe;
        try {
            probe = VideoProber.probe(file);
        } catch (VideoDecodeException ex) {
            return failed(e, id + ": unreadable: " + ex.getMessage());
        }
        int wanted = e.getPreRollFrames() + e.getFrameCount();
        if (probe.frameCount() < wanted) {
            return failed(e, id + ": the file has " + probe.frameCount() + " frames, the event claims "
                    + e.getPreRollFrames() + " pre-roll + " + e.getFrameCount() + " own");
        }
        // Frames after the chunk's own are look-ahead; keep no more than the detector uses (a B-frame
        // stream may trail frames that are not contiguous with them).
        int keep = Math.min(probe.frameCount(), wanted + config.postRollFrames());
        long first = e.getFirstFrame();
        ChunkSpec spec = new ChunkSpec(e.getTitleId().toString(), file, e.getChunkIndex(), e.getChunkCount(), 0,
                first, first + e.getFrameCount() - 1, first - e.getPreRollFrames(),
                Arrays.copyOf(probe.framePtsUs(), keep));
        if (processor == null) processor = new ChunkProcessor(config);
        ChunkResult r = processor.process(runId, spec, profile(e));
        r.setSource(sourceName(e));
        r.setPublishedAtMs(e.getPublishedAtMs());
        return Outcome.ok(r);
    }

    private Outcome failed(ChunkReady e, String why) {
        ChunkResult r = empty(e).setError(why).build();
        return new Outcome(r, why);
    }

    private ChunkResult endOfTitle(ChunkReady e) {
        return empty(e).setChunkIndex(-1).setChunkCount(e.getChunkCount()).setEndOfTitle(true).build();
    }

    private ChunkResult.Builder empty(ChunkReady e) {
        return ChunkResult.newBuilder()
                .setRunId(runId).setTitleId(e.getTitleId()).setSource(sourceName(e))
                .setChunkIndex(e.getChunkIndex()).setChunkCount(e.getChunkCount())
                .setStartFrame(e.getFirstFrame()).setEndFrame(e.getFirstFrame() - 1).setTitleFrameCount(0)
                .setFramesDecoded(0).setAnnotations(new ArrayList<>()).setCuts(new ArrayList<>())
                .setCandidates(new ArrayList<>()).setPublishedAtMs(e.getPublishedAtMs()).setProfile(profile(e));
    }

    /** The weight profile the event's title is scored with: its own, or the job's when it names none. */
    private String profile(ChunkReady e) {
        String p = e.getProfile().toString();
        return p.isEmpty() ? config.analysis().profile() : p;
    }

    private static String sourceName(ChunkReady e) {
        String s = e.getSource().toString();
        return s.isBlank() ? e.getTitleId().toString() : s;
    }

    /** A path, or a file: URI as a path. */
    static String localPath(String uri) {
        if (uri.startsWith("file:")) return Path.of(URI.create(uri)).toString();
        return uri;
    }

    @Override
    public void close() {
        if (processor != null) processor.close();
        processor = null;
    }
}
