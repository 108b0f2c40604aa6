package dev.avastream.jobs.cli;

import dev.avastream.schema.CandidateSetUpdate;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Prints one progress line per candidate update: chunks, frames, shots, pool and the frame rate so
 * far. On a terminal the line is rewritten in place; otherwise (logs, CI) each update is a line.
 */
final class ProgressPrinter implements Consumer<CandidateSetUpdate> {
    private final PrintStream out;
    private final boolean inPlace;
    private final long started = System.nanoTime();
    private boolean dirty;

    ProgressPrinter(PrintStream out) {
        this.out = out;
        this.inPlace = System.console() != null;
    }

    @Override
    public synchronized void accept(CandidateSetUpdate u) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long total = u.getTitleFrameCount();
        String frames = total > 0
                ? String.format(Locale.ROOT, "%d/%d frames (%.0f%%)", u.getFramesProcessed(), total,
                100.0 * u.getFramesProcessed() / total)
                : u.getFramesProcessed() + " frames";
        String line = String.format(Locale.ROOT, "%s: chunk %d/%d, %s, %d shots, pool %d, top %d, %.0f frames/s%s%s",
                u.getTitleId(), u.getChunksReceived(), u.getChunkCount(), frames, u.getShotsClosed(), u.getPoolSize(),
                u.getCandidates().size(), u.getFramesProcessed() / seconds,
                u.getErrors().isEmpty() ? "" : ", " + u.getErrors().size() + " error(s)",
                u.getComplete() ? ", done" : "");
        if (inPlace) {
            out.print("\r\033[K" + line);
            dirty = true;
            if (u.getComplete()) finish();
        } else {
            out.println(line);
        }
        out.flush();
    }

    synchronized void finish() {
        if (inPlace && dirty) {
            out.println();
            dirty = false;
        }
    }
}
