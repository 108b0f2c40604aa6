package dev.avastream.jobs;

import dev.avastream.jobs.kafka.Topics;
import dev.avastream.jobs.live.LiveTopics;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Kafka topic the jobs read or write under their default names: the file job's {@link Topics}
 * and the live job's {@link LiveTopics}. The Kubernetes manifests declare exactly these (k8s
 * ManifestsTest checks both ways).
 */
public final class JobTopics {
    private JobTopics() {}

    public static List<String> defaults() {
        List<String> all = new ArrayList<>(Topics.defaults().names());
        all.addAll(LiveTopics.defaults().names());
        return List.copyOf(all);
    }
}
