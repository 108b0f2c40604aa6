package dev.avastream.jobs.source;

import java.io.Serializable;

/** A title to process: its id (the Kafka key of everything it produces) and its video file or URI. */
public record TitleInput(String titleId, String source) implements Serializable {
    public TitleInput {
        if (titleId == null || titleId.isBlank()) throw new IllegalArgumentException("title id is empty");
        if (source == null || source.isBlank()) throw new IllegalArgumentException("video source is empty for " + titleId);
    }
}
