package dev.avastream.cli.runtime;

import org.junit.jupiter.api.extension.ExtensionContext;

/** The shared test broker ({@link EmbeddedKafkaExtension}) for tests in other packages. */
public final class EmbeddedKafkaAccess {
    private EmbeddedKafkaAccess() { }

    public static String bootstrap(ExtensionContext context) throws Exception {
        return EmbeddedKafkaExtension.bootstrap(context);
    }
}
