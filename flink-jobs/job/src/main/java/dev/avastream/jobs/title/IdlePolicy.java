package dev.avastream.jobs.title;

import dev.avastream.operators.config.Tunables;

import java.io.Serializable;
import java.time.Duration;

/**
 * When an open title that gets no more chunks is closed with what it has.
 *
 * <ul>
 *   <li><b>Processing time</b> (files): {@code idleTimeout} after its last chunk arrived, by the clock.</li>
 *   <li><b>Event time</b> (live): the chunks carry their ChunkReady event's publish time and the
 *       stream carries watermarks. The title closes when the watermark passes {@code idleTimeout}
 *       after its last chunk's publish time, that is once events published that much later have
 *       been read and every chunk before them folded. A backlog waiting in Kafka, or a job that was
 *       down, therefore never makes a title's chunks look missing: its stream time stands still too.
 *       As a fallback for a stream with no newer event at all, the title also closes when, {@code
 *       quietTimeout} (at least {@code idleTimeout}) after its last chunk by the clock, the watermark
 *       has not moved since; if it has, the stream is alive and the fallback waits another round.</li>
 * </ul>
 *
 * @param idleTimeout  {@link Tunables#IDLE_TIMEOUT}
 * @param quietTimeout {@link Tunables#QUIET_TIMEOUT} (event time only)
 * @param eventTime    whether idleness is measured in the chunks' event time
 */
public record IdlePolicy(Duration idleTimeout, Duration quietTimeout, boolean eventTime) implements Serializable {

    public IdlePolicy {
        Tunables.IDLE_TIMEOUT.check(idleTimeout);
        Tunables.QUIET_TIMEOUT.check(quietTimeout);
    }

    /** Files: the clock only. */
    public static IdlePolicy processingTime(Duration idleTimeout) {
        return new IdlePolicy(idleTimeout, idleTimeout, false);
    }

    /** Live: the chunk events' publish times, with the clock as the fallback for a quiet stream. */
    public static IdlePolicy eventTime(Duration idleTimeout, Duration quietTimeout) {
        return new IdlePolicy(idleTimeout, quietTimeout, true);
    }

    long idleMs() {
        return idleTimeout.toMillis();
    }

    /** The fallback's period in processing time: the quiet timeout, never below the idle timeout. */
    long quietMs() {
        return Math.max(quietTimeout.toMillis(), idleTimeout.toMillis());
    }
}
