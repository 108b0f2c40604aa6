package dev.avastream.jobs.source;

import java.util.List;

/** What the enumerator checkpoints: titles not yet planned and chunks not yet handed to a reader. */
public record ChunkEnumeratorState(List<TitleInput> unplanned, List<ChunkSplit> unassigned) {}
