package dev.avastream.operators.title;

import dev.avastream.schema.FrameAnnotation;
import dev.avastream.schema.FrameRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames one fold step settles, as the {@link FrameRecord}s to publish on {@code ava.frames}, in
 * the order the fold places them (frame order). Frames are collected as they settle rather than as
 * their chunk arrives because only then is their shot known; they need no state of their own, since
 * the settler already keeps every frame until it settles. {@link #NONE} (publishing off) keeps nothing.
 */
final class SettledFrames {
    /** Publishing off: every frame is dropped, nothing is allocated per frame. */
    static final SettledFrames NONE = new SettledFrames(null, null);

    private final String runId;
    private final String titleId;
    private final List<FrameRecord> records = new ArrayList<>();

    SettledFrames(String runId, String titleId) {
        this.runId = runId;
        this.titleId = titleId;
    }

    /** A frame settled into shot {@code shotIndex} (-1: inside a gradual transition, no shot). */
    void add(FrameAnnotation frame, int shotIndex) {
        add(frame, shotIndex, "");
    }

    /** A frame settled into shot {@code shotIndex}, its largest face of {@code mainCharacter} ("" for none). */
    void add(FrameAnnotation frame, int shotIndex, String mainCharacter) {
        if (this == NONE) return;
        records.add(FrameRecord.newBuilder()
                .setRunId(runId)
                .setTitleId(titleId)
                .setFrameIndex(frame.getFrameIndex())
                .setTimeUs(frame.getTimeUs())
                .setShotIndex(shotIndex)
                .setMainCharacter(mainCharacter)
                .setAnnotation(frame)
                .build());
    }

    /** What was collected, in order; empty for {@link #NONE}. */
    List<FrameRecord> records() {
        return this == NONE ? List.of() : List.copyOf(records);
    }
}
