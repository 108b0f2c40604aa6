package dev.avastream.cli.runtime;

import org.junit.jupiter.api.extension.ExtensionContext;

/** One embedded Kafka broker for the whole test run, closed when the JVM's test run ends. */
final class EmbeddedKafkaExtension implements ExtensionContext.Store.CloseableResource {
    private static EmbeddedKafka kafka;

    static synchronized String bootstrap(ExtensionContext context) throws Exception {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("ava-embedded-kafka", new EmbeddedKafkaExtension());
        }
        return kafka.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        synchronized (EmbeddedKafkaExtension.class) {
            if (kafka != null) kafka.close();
            kafka = null;
        }
    }
}
