package dev.avastream.operators.title;

import dev.avastream.schema.Candidate;
import dev.avastream.schema.CandidateSetUpdate;
import dev.avastream.schema.Still;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the pictures out of a title's update: a frame's JPEG is published once, as a {@link Still} of
 * its own, when the frame first enters the published top-K, and every update names the still
 * ({@link Candidate#getStillKey()}) instead of carrying the JPEG. Before, each update re-sent up to K
 * thumbnails, so brokers had to accept 4 MiB messages.
 *
 * <p>Remembers nothing of its own. A candidate whose still is out carries its still key and no
 * thumbnail; the caller writes those candidates back over its pool entries ({@link
 * Result#poolEntries()}). So a frame that leaves the top-K and comes back is not sent again, what is
 * remembered is bounded by the pool, and the pool (RocksDB state) stops holding the JPEG of every frame
 * that was ever published. A frame evicted from the pool never comes back: a frame is offered to
 * the pool once, when it settles.
 */
public final class StillPublication {
    private static final ByteBuffer NO_PICTURE = ByteBuffer.wrap(new byte[0]);

    /**
     * @param update      the update to publish: its candidates name their stills and carry no JPEG
     * @param stills      the stills to publish with it (frames new to the published top-K), best first
     * @param poolEntries the candidates whose still this publishes, as the pool must keep them from now
     *                    on (still key set, no thumbnail)
     */
    public record Result(CandidateSetUpdate update, List<Still> stills, List<Candidate> poolEntries) {}

    private StillPublication() {}

    /**
     * The Kafka key of a frame's still: {@code <titleId>/<frameIndex>}. A title id may contain
     * {@code /}; the frame index is what follows the last one.
     */
    public static String key(String titleId, long frameIndex) {
        return titleId + "/" + frameIndex;
    }

    /** Splits an update as the title operator built it into the update to publish and the stills new in it. */
    public static Result of(CandidateSetUpdate update) {
        List<Candidate> published = new ArrayList<>(update.getCandidates().size());
        List<Still> stills = new ArrayList<>();
        List<Candidate> poolEntries = new ArrayList<>();
        for (Candidate c : update.getCandidates()) {
            if (!c.getStillKey().isEmpty()) {
                // out before: the pool entry has no picture left; the update never carries one
                published.add(c.getThumbnailJpeg().hasRemaining() ? withoutPicture(c, c.getStillKey()) : c);
                continue;
            }
            String key = key(update.getTitleId(), c.getFrameIndex());
            stills.add(Still.newBuilder()
                    .setRunId(update.getRunId())
                    .setTitleId(update.getTitleId())
                    .setFrameIndex(c.getFrameIndex())
                    .setTimeUs(c.getTimeUs())
                    .setJpeg(c.getThumbnailJpeg().duplicate())
                    .setWidth(c.getThumbnailWidth())
                    .setHeight(c.getThumbnailHeight())
                    .build());
            Candidate entry = withoutPicture(c, key);
            poolEntries.add(entry);
            published.add(entry);
        }
        CandidateSetUpdate out = CandidateSetUpdate.newBuilder(update).setCandidates(published).build();
        return new Result(out, stills, poolEntries);
    }

    private static Candidate withoutPicture(Candidate c, String key) {
        return Candidate.newBuilder(c).setThumbnailJpeg(NO_PICTURE.duplicate()).setStillKey(key).build();
    }
}
