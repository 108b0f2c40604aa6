package dev.avastream.operators.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md is generated from {@link Tunables}: this test fails when a setting, default or
 * doc changed and the page was not regenerated. Regenerate with
 * {@code mvn -pl operators -am verify -Dtest=ConfigurationDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dava.regenerateDocs=true}.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docsConfigurationMdIsTheGeneratedReference() throws Exception {
        String expected = ConfigurationReference.markdown();
        if (Boolean.getBoolean("ava.regenerateDocs")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(DOC), DOC.toAbsolutePath() + " is missing: regenerate it (see this test)");
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/configuration.md is stale: regenerate it with -Dava.regenerateDocs=true (see ConfigurationDocTest)");
    }

    @Test
    void theReferenceListsEverySettingWithItsDefault() {
        String md = ConfigurationReference.markdown();
        String text = ConfigurationReference.text();
        String json = ConfigurationReference.json();
        for (Setting<?> s : Tunables.all()) {
            assertTrue(md.contains("| `" + s.key() + "` |"), s.key() + " missing from the markdown");
            assertTrue(text.contains("  " + s.key() + " = " + s.defaultText()), s.key() + " missing from the text");
            assertTrue(json.contains("{\"key\": \"" + s.key() + "\""), s.key() + " missing from the JSON");
        }
    }
}
