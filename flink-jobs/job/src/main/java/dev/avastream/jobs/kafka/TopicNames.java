package dev.avastream.jobs.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The topic names a topic record holds: the values of its String components, in declaration order.
 * Read from the record itself so that a topic added to {@link Topics} or {@code LiveTopics} is listed
 * (and checked against the Kubernetes manifests) without a second list to keep in step.
 */
public final class TopicNames {
    private TopicNames() {}

    public static List<String> of(Record topics) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : topics.getClass().getRecordComponents()) {
            if (c.getType() != String.class) continue;
            try {
                names.add((String) c.getAccessor().invoke(topics));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read topic " + c.getName() + " of " + topics, e);
            }
        }
        return List.copyOf(names);
    }
}
