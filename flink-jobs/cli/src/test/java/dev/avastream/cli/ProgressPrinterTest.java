package dev.avastream.cli;

import dev.avastream.schema.CandidateSetUpdate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressPrinterTest {

    static CandidateSetUpdate update(String title, int chunk, int chunks, long frames, long total, boolean complete) {
        return CandidateSetUpdate.newBuilder()
                .setRunId("r").setTitleId(title).setSource("/v/" + title + ".mp4").setVersion(chunk)
                .setChunksReceived(chunk).setChunksAssembled(chunk).setChunkCount(chunks)
                .setFramesProcessed(frames).setTitleFrameCount(total).setShotsClosed(chunk).setPoolSize(3 * chunk)
                .setComplete(complete).setCandidates(new ArrayList<>()).setEmittedAtMs(0).build();
    }

    @Test
    void plainOutputIsWholeLinesWithBarFramesAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        p.accept(update("a", 1, 4, 300, 1200, false));
        p.accept(update("a", 2, 4, 600, 1200, false));
        p.accept(update("a", 4, 4, 1200, 1200, true));
        p.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage returns when not a terminal");
        List<String> lines = text.lines().toList();
        assertTrue(lines.size() >= 2 && lines.size() <= 3, text);
        assertTrue(lines.get(0).startsWith("a [#####...............]  25% chunk 1/4, 300/1200 frames"), lines.get(0));
        assertTrue(lines.get(0).contains("ETA "), lines.get(0));
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("100% chunk 4/4, 1200/1200 frames") && last.contains("done after"), last);
    }

    @Test
    void terminalOutputRedrawsOneLineWithEveryTitle() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter p = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        p.accept(update("a", 1, 2, 100, 200, false));
        p.accept(update("b", 1, 2, 50, 200, false));
        p.accept(update("a", 2, 2, 200, 200, true));
        p.accept(update("b", 2, 2, 200, 200, true));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.split("\r\033\\[K", -1).length - 1, "each update redraws the line: " + text);
        assertTrue(text.endsWith("a 100% done | b 100% done" + System.lineSeparator()), text);
    }

    @Test
    void durationsAreShort() {
        assertEquals("42s", ProgressPrinter.duration(42.2));
        assertEquals("2m05s", ProgressPrinter.duration(125));
        assertEquals("1h01m", ProgressPrinter.duration(3660));
        assertEquals("[....................]", ProgressPrinter.bar(0, 10));
        assertEquals("[####################]", ProgressPrinter.bar(10, 10));
    }
}
