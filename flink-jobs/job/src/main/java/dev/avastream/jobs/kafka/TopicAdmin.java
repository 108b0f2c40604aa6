package dev.avastream.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics the job writes, if they are missing (replication: the cluster's default; message
 * size: the broker's, Kafka's 1 MiB by default, which every record fits). Existing topics are left
 * alone.
 */
public final class TopicAdmin {
    private TopicAdmin() {}

    /**
     * How long {@code ava.frames} keeps a frame: 3 days, against the 7 of the broker's default that
     * updates and shots get, because it carries one record per frame (25 a second of video, about a
     * KiB each) where they carry one per chunk or shot.
     */
    public static final long FRAMES_RETENTION_MS = 3L * 24 * 60 * 60 * 1000;

    /** Dead letters are kept 14 days for someone to look at (k8s/kafka/ava-kafka.yaml says the same). */
    public static final long DEAD_LETTER_RETENTION_MS = 14L * 24 * 60 * 60 * 1000;

    /**
     * The job's output topics: updates and shots with the broker's default clean-up (delete), stills
     * compacted: a still is published once, so only compaction keeps it as long as its title is worth
     * showing, and a re-run of the title replaces it under the same key. Frames (one record per frame,
     * unless {@code title.publish-frames} is off) are deleted after {@link #FRAMES_RETENTION_MS}
     * whatever the broker's default: a feed to consume as it comes, never a store that grows with
     * every frame of every title; created even when unused, so a consumer can subscribe before a run.
     */
    public static void ensureTopics(String bootstrap, Topics topics, int partitions) throws Exception {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put(topics.candidates(), Map.of());
        configs.put(topics.shots(), Map.of());
        configs.put(topics.stills(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        // the latest verdict on each frame is kept for good: what the weights are learned from, replayable
        configs.put(topics.feedback(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        configs.put(topics.frames(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(FRAMES_RETENTION_MS)));
        configs.put(topics.feedbackDeadLetters(), Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION_MS)));
        ensureTopics(bootstrap, configs, partitions);
    }

    /** Creates the named topics that are missing, with the broker's defaults. */
    public static void ensureTopics(String bootstrap, List<String> names, int partitions) throws Exception {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (String name : names) configs.put(name, Map.of());
        ensureTopics(bootstrap, configs, partitions);
    }

    /** Creates the topics that are missing, each with its own topic configuration. */
    public static void ensureTopics(String bootstrap, Map<String, Map<String, String>> topicConfigs, int partitions)
            throws Exception {
        Properties p = KafkaClientConfig.properties(bootstrap);
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> create = new ArrayList<>();
            for (Map.Entry<String, Map<String, String>> t : topicConfigs.entrySet()) {
                if (existing.contains(t.getKey())) continue;
                create.add(new NewTopic(t.getKey(), Optional.of(partitions), Optional.empty()).configs(t.getValue()));
            }
            if (create.isEmpty()) return;
            try {
                admin.createTopics(create).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
            }
        }
    }
}
