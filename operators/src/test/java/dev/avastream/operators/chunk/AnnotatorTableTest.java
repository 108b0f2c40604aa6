package dev.avastream.operators.chunk;

import dev.avastream.operators.annotate.AnnotatorPipeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table of registered annotators in docs/annotators.md is the registered list: same names in
 * the same order, same cost, frames, reads and writes. A newcomer's annotator without its row (or a
 * row that says something else than the class declares) fails here.
 */
class AnnotatorTableTest {

    @Test
    void theDocumentedTableIsTheRegisteredList() throws IOException {
        List<List<String>> documented = documentedRows(docs().resolve("annotators.md"));
        try (AnnotatorPipeline registered = new AnnotatorPipeline(ChunkAnnotators.create(AnalysisConfig.defaults(), 25))) {
            assertEquals(registered.table(), documented);
        }
    }

    /** The first five columns (name, cost, frames, reads, writes) of each row of the "Registered annotators" table. */
    static List<List<String>> documentedRows(Path page) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) inSection = line.equals("## Registered annotators");
            if (!inSection || !line.startsWith("|") || line.startsWith("| name ") || line.startsWith("| ---")) continue;
            String[] cells = line.split("\\|", -1);
            rows.add(Arrays.stream(cells, 1, 6).map(String::trim).toList());
        }
        assertTrue(!rows.isEmpty(), "no rows under '## Registered annotators' in " + page);
        return rows;
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/annotators.md"))) return p.resolve("docs");
        }
        throw new IllegalStateException("docs/annotators.md not found above " + Path.of("").toAbsolutePath());
    }
}
