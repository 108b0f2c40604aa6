package dev.avastream.cli;

import dev.avastream.schema.CandidateSetUpdate;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Progress of a run, per title: a bar, chunks and frames done, frames/s and the time left, from the
 * candidate updates as they are published. On a terminal one line is redrawn in place (every title
 * on it); otherwise (a pipe, a log, CI) a plain line per title at most every {@link #PLAIN_EVERY_MS},
 * and always its last one. Writes to stderr only, so stdout stays the result.
 */
final class ProgressPrinter implements Consumer<CandidateSetUpdate> {
    static final long PLAIN_EVERY_MS = 2_000;
    static final int BAR = 20;
    static final double ETA_SPAN_SECONDS = 3;

    private final PrintStream out;
    private final boolean inPlace;
    private final long started = System.nanoTime();
    private final Map<String, TitleState> titles = new LinkedHashMap<>();
    private boolean dirty;

    private static final class TitleState {
        final long firstAtNanos;
        final long firstFrames;
        CandidateSetUpdate last;
        long lastPrintedNanos;
        boolean printed;
        int errorsPrinted;
        boolean done;

        TitleState(long now, long frames) {
            firstAtNanos = now;
            firstFrames = frames;
        }
    }

    ProgressPrinter(PrintStream out) {
        this(out, System.console() != null);
    }

    ProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.inPlace = terminal;
    }

    @Override
    public synchronized void accept(CandidateSetUpdate u) {
        long now = System.nanoTime();
        TitleState t = titles.computeIfAbsent(u.getTitleId(), k -> new TitleState(now, u.getFramesProcessed()));
        t.last = u;
        if (inPlace) {
            StringBuilder line = new StringBuilder();
            for (TitleState s : titles.values()) {
                if (line.length() > 0) line.append(" | ");
                line.append(titles.size() == 1 ? line(s, now) : shortLine(s, now));
            }
            out.print("\r\033[K" + line);
            dirty = true;
            if (titles.values().stream().allMatch(s -> s.last.getComplete())) finish();
        } else if (!t.done && (!t.printed || u.getComplete() || u.getErrors().size() != t.errorsPrinted
                || now - t.lastPrintedNanos >= PLAIN_EVERY_MS * 1_000_000L)) {
            out.println(line(t, now));
            t.printed = true;
            t.lastPrintedNanos = now;
            t.errorsPrinted = u.getErrors().size();
            t.done = u.getComplete();
        }
        out.flush();
    }

    private String line(TitleState s, long now) {
        CandidateSetUpdate u = s.last;
        long total = u.getTitleFrameCount();
        long done = u.getFramesProcessed();
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        // Since the run started: updates arrive in bursts (a read-committed consumer sees them at each
        // checkpoint), so a rate between two updates would swing; the whole run's rate does not.
        double fps = done / seconds;
        StringBuilder b = new StringBuilder(u.getTitleId()).append(' ');
        if (total > 0) b.append(bar(done, total)).append(String.format(Locale.ROOT, " %3.0f%% ", 100.0 * done / total));
        b.append(String.format(Locale.ROOT, "chunk %d/%s, %s frames, %d shots, pool %d, %.0f frames/s",
                u.getChunksReceived(), u.getChunkCount() < 0 ? "?" : Integer.toString(u.getChunkCount()), total > 0 ? done + "/" + total : Long.toString(done),
                u.getShotsClosed(), u.getPoolSize(), fps));
        if (u.getComplete()) {
            b.append(String.format(Locale.ROOT, ", done after %s", duration(seconds)));
        } else if (total > 0 && done > 0) {
            // The time left at the rate since this title's first update once that spans a few seconds
            // (start-up excluded); before that, at the whole run's rate.
            double span = (now - s.firstAtNanos) / 1e9;
            double rate = span >= ETA_SPAN_SECONDS && done > s.firstFrames ? (done - s.firstFrames) / span : fps;
            b.append(", ETA ").append(duration((total - done) / Math.max(1e-9, rate)));
        }
        if (!u.getErrors().isEmpty()) b.append(", ").append(u.getErrors().size()).append(" error(s)");
        return b.toString();
    }

    private String shortLine(TitleState s, long now) {
        CandidateSetUpdate u = s.last;
        long total = u.getTitleFrameCount();
        if (total <= 0) return u.getTitleId() + " " + u.getFramesProcessed() + " frames";
        return String.format(Locale.ROOT, "%s %3.0f%%%s", u.getTitleId(), 100.0 * u.getFramesProcessed() / total,
                u.getComplete() ? " done" : "");
    }

    static String bar(long done, long total) {
        int filled = (int) Math.min(BAR, Math.max(0, done * BAR / Math.max(1, total)));
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    synchronized void finish() {
        if (inPlace && dirty) {
            out.println();
            dirty = false;
        }
    }
}
