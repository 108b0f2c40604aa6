package dev.avastream.models.runtime;

/**
 * How an ONNX Runtime session uses the CPU. One thread per session is the default: the Flink job
 * runs one session per task slot, so parallelism comes from slots, and intra-op threads would only
 * compete with the other slots (and the decoder) for the same cores.
 *
 * @param intraOpThreads threads inside one operator (1 = run on the caller's thread)
 * @param interOpThreads threads running independent operators concurrently (1 = sequential)
 */
public record SessionSettings(int intraOpThreads, int interOpThreads) {

    public static final SessionSettings SINGLE_THREAD = new SessionSettings(1, 1);

    public SessionSettings {
        if (intraOpThreads < 1 || interOpThreads < 1) throw new IllegalArgumentException("thread counts must be >= 1");
    }
}
