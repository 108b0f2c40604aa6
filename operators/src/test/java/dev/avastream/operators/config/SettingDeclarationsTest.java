package dev.avastream.operators.config;

import dev.avastream.operators.annotate.FrameFeatureExtractor;
import dev.avastream.operators.annotate.TransitionSignalTracker;
import dev.avastream.operators.chunk.AnalysisConfig;
import dev.avastream.operators.chunk.ChunkProcessor;
import dev.avastream.operators.rank.DiverseTopKSelector;
import dev.avastream.operators.rank.FrameQualityScorer;
import dev.avastream.operators.shots.GradualTransitionDetector;
import dev.avastream.operators.shots.HardCutDetector;
import dev.avastream.operators.title.TitleAssembly;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defaults and their documentation cannot drift apart: a default is written once, in {@link Tunables};
 * documentation elsewhere links to the setting instead of repeating a number, and the links point at
 * the setting the component really takes its default from.
 */
class SettingDeclarationsTest {

    /** "(default 12", "default: 0.06", "Default 2" in a comment: a second copy of a default. */
    private static final Pattern NUMBER_AS_DEFAULT = Pattern.compile("(?i)\\bdefaults?\\s*[:=]?\\s*\\(?-?[0-9]");
    private static final Pattern PARAM_LINK = Pattern.compile("@param\\s+(\\w+)\\s+\\{@link Tunables#(\\w+)}");
    private static final List<Path> MAIN_SOURCES = List.of(
            Path.of("src", "main", "java"),
            Path.of("..", "decoders", "src", "main", "java"),
            Path.of("..", "flink-jobs", "job", "src", "main", "java"),
            Path.of("..", "flink-jobs", "cli", "src", "main", "java"));

    @Test
    void noCommentRepeatsADefaultNumber() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is not a source folder (moved?)");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).trim();
                        boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                        if (comment && NUMBER_AS_DEFAULT.matcher(line).find()) {
                            found.add(f + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "defaults are written once, in Tunables; link to the setting instead:\n"
                + String.join("\n", found));
    }

    @Test
    void settingDocsDoNotRepeatTheirDefault() {
        for (Setting<?> s : Tunables.all()) {
            assertFalse(NUMBER_AS_DEFAULT.matcher(s.doc()).find(), s.key() + ": the doc states a default: " + s.doc());
            if (s.hasFixedDefault() && s.type() != java.time.Duration.class) {
                // "0: as fast as it can" explains a special value; any other copy of the default number is one too many.
                Pattern own = Pattern.compile("(?<![0-9.])" + Pattern.quote(s.defaultText()) + "(?![0-9]|\\.[0-9]|:)");
                assertFalse(own.matcher(s.doc()).find(),
                        s.key() + ": the doc repeats the default " + s.defaultText() + " (it is printed next to it): " + s.doc());
            }
            assertTrue(s.doc().endsWith("."), s.key() + ": a doc is sentences: " + s.doc());
        }
    }

    /** Every {@code @param x {@link Tunables#X}} of a parameter record names the setting x's default comes from. */
    @Test
    void javadocLinksNameTheSettingEachDefaultComesFrom() throws Exception {
        Map<String, Object> defaultsByFile = new LinkedHashMap<>();
        defaultsByFile.put("dev/avastream/operators/shots/HardCutDetector.java", HardCutDetector.Params.defaults());
        defaultsByFile.put("dev/avastream/operators/shots/GradualTransitionDetector.java",
                GradualTransitionDetector.Params.defaults());
        defaultsByFile.put("dev/avastream/operators/rank/FrameQualityScorer.java", FrameQualityScorer.Params.defaults());
        defaultsByFile.put("dev/avastream/operators/rank/DiverseTopKSelector.java", DiverseTopKSelector.Params.defaults());
        defaultsByFile.put("dev/avastream/operators/annotate/FrameFeatureExtractor.java",
                FrameFeatureExtractor.Params.defaults());
        defaultsByFile.put("dev/avastream/operators/annotate/TransitionSignalTracker.java",
                TransitionSignalTracker.Params.defaults());
        defaultsByFile.put("dev/avastream/operators/chunk/AnalysisConfig.java", AnalysisConfig.defaults());
        defaultsByFile.put("dev/avastream/operators/chunk/ChunkProcessor.java", ChunkProcessor.Config.defaults());
        int links = 0;
        for (Map.Entry<String, Object> e : defaultsByFile.entrySet()) {
            String source = Files.readString(Path.of("src", "main", "java").resolve(e.getKey()));
            Object record = e.getValue();
            Matcher m = PARAM_LINK.matcher(source);
            int inFile = 0;
            while (m.find()) {
                Setting<?> setting = (Setting<?>) Tunables.class.getField(m.group(2)).get(null);
                Object value = record.getClass().getMethod(m.group(1)).invoke(record);
                assertEquals(setting.defaultValue(), value,
                        e.getKey() + ": @param " + m.group(1) + " links " + m.group(2) + " but its default is not that setting's");
                inFile++;
            }
            assertTrue(inFile > 0, e.getKey() + " documents no component with a setting link");
            // Every numeric component of the record is linked (a new component must say where its default lives).
            for (var c : record.getClass().getRecordComponents()) {
                if (c.getType().isPrimitive() && !c.getName().equals("k")) {
                    assertTrue(Pattern.compile("@param\\s+" + c.getName() + "\\s+\\{@link Tunables#").matcher(source).find(),
                            e.getKey() + ": component " + c.getName() + " does not link its setting");
                }
            }
            links += inFile;
        }
        assertTrue(links >= 60, "expected the parameter records to link their settings, found " + links);
    }

    @Test
    void titleParamsTakeTheirDefaultsFromTheSettings() {
        TitleAssembly.Params p = TitleAssembly.Params.defaults();
        assertEquals(Tunables.TOP_K.defaultValue(), p.topK());
        assertEquals(Tunables.POOL_PER_SHOT.defaultValue(), p.poolPerShot());
        assertEquals(Tunables.POOL_SIZE.defaultValue(), p.poolCapacity());
        assertEquals(GradualTransitionDetector.Params.defaults(), p.gradual());
        assertEquals(Tunables.TOP_K.defaultValue(), DiverseTopKSelector.Params.defaults().k());
    }
}
