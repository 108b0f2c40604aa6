package dev.avastream.jobs.kafka;

import dev.avastream.jobs.JobTopics;
import dev.avastream.jobs.live.LiveTopics;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicNamesTest {

    @Test
    void aTopicSetListsTheValuesOfItsComponentsInOrder() {
        LiveTopics live = LiveTopics.of("t.chunks");
        assertEquals(List.of("t.chunks", "t.chunks.dlq"), live.names());
        Topics defaults = Topics.defaults();
        assertEquals(defaults.getClass().getRecordComponents().length, defaults.names().size());
        assertTrue(defaults.names().containsAll(List.of(Topics.CANDIDATES, Topics.SHOTS)), defaults.names().toString());
    }

    @Test
    void theJobsTopicsAreEveryDefaultTopicOnce() {
        List<String> all = JobTopics.defaults();
        for (String t : List.of(Topics.CANDIDATES, Topics.SHOTS, LiveTopics.CHUNKS, LiveTopics.DEAD_LETTERS)) {
            assertTrue(all.contains(t), t + " in " + all);
        }
        assertEquals(all.size(), new HashSet<>(all).size(), "a topic is listed twice: " + all);
        assertEquals(Topics.defaults().names().size() + LiveTopics.defaults().names().size(), all.size());
    }
}
