package dev.avastream.jobs.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/** Creates the topics the job writes, if they are missing (replication: the cluster's default). */
public final class TopicAdmin {
    private TopicAdmin() {}

    public static void ensureTopics(String bootstrap, Topics topics, int partitions) throws Exception {
        ensureTopics(bootstrap, List.of(topics.candidates(), topics.shots()), partitions);
    }

    /** Creates the named topics that are missing. */
    public static void ensureTopics(String bootstrap, List<String> names, int partitions) throws Exception {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> create = new ArrayList<>();
            for (String name : names) {
                if (existing.contains(name)) continue;
                create.add(new NewTopic(name, java.util.Optional.of(partitions), java.util.Optional.empty())
                        .configs(Map.of("max.message.bytes", Integer.toString(4 * 1024 * 1024 + 1024))));
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
