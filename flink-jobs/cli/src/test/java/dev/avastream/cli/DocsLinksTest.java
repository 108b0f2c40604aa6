package dev.avastream.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The docs a newcomer reads point at things that exist: in {@code README.md}, {@code docs/*.md} and
 * {@code k8s/README.md}, every relative link and image names a file or folder of the repository,
 * every {@code #anchor} a heading of its page, and every repository path written in backticks (such
 * as {@code flink-jobs/cli/src/main/resources/preview/}, or a page such as {@code DESIGN.md}) exists. Build outputs ({@code .../target/...})
 * and code blocks are not checked.
 */
class DocsLinksTest {

    @Test
    void everyLinkAnchorAndPathInTheDocsExists() throws IOException {
        Path root = repositoryRoot();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        pages.add(root.resolve("k8s/README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() >= 10, "README, k8s/README and the docs: " + pages);
        List<String> problems = new ArrayList<>();
        for (Path page : pages) problems.addAll(new Checker(root).check(page));
        assertTrue(problems.isEmpty(), () -> "broken references in the docs:\n  " + String.join("\n  ", problems));
    }

    @Test
    void theCheckerFindsEachKindOfBrokenReference(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.createDirectories(root.resolve("flink-jobs/cli"));
        Files.writeString(root.resolve("docs/other.md"), "# Other page\n\n## The `ava run` command (and more)\n");
        String good = """
                # Title

                ## Section one
                See [other](other.md), [its section](other.md#the-ava-run-command-and-more), [here](#section-one),
                [the module](../flink-jobs/cli), ![a picture](other.md) and `flink-jobs/cli/` and `docs/other.md`
                and `other.md`.
                Not paths: `ava.candidates`, `HOST:PORT`, `application/json`, `flink-jobs/target/ava.jar`,
                `docs/*.md`, [a site](https://example.com/x.md).

                ```bash
                cat docs/missing.md   # code blocks are examples, not references
                ```
                """;
        Path page = root.resolve("docs/page.md");
        Files.writeString(page, good);
        assertEquals(List.of(), new Checker(root).check(page));

        Map<String, String> broken = Map.of(
                "[other](other.md)", "[other](othr.md)",
                "(other.md#the-ava-run-command-and-more)", "(other.md#the-ava-run-command)",
                "[here](#section-one)", "[here](#section-two)",
                "`flink-jobs/cli/`", "`flink-jobs/cli/src/nothing/`",
                "![a picture](other.md)", "![a picture](picture.png)",
                "`docs/other.md`", "`docs/DESIGN.md`",
                "and `flink-jobs/cli/`", "and `DESIGN.md`");
        for (var e : broken.entrySet()) {
            assertTrue(good.contains(e.getKey()), e.getKey());
            Files.writeString(page, good.replace(e.getKey(), e.getValue()));
            List<String> problems = new Checker(root).check(page);
            assertEquals(1, problems.size(), e.getValue() + ": " + problems);
            assertFalse(problems.get(0).isBlank());
        }
    }

    @Test
    void headingsBecomeAnchorsAsGitHubMakesThem() {
        assertEquals("run---json", Checker.slug("`run --json`"));
        assertEquals("shot-truth-files-eval-shots---truth", Checker.slug("Shot truth files (`eval-shots --truth`)"));
        assertEquals("ava-bench-latency-live-latency", Checker.slug("`ava bench-latency`: live latency"));
        assertEquals("a-candidate-a-shot-a-transition", Checker.slug("A candidate, a shot, a transition"));
        assertEquals("see-the-docs", Checker.slug("See [the docs](cli.md)"));
    }

    /** The folder with the parent pom, README.md and docs/ above the module the tests run in. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }

    /** Finds links, anchors and backticked paths in one markdown page that point at nothing. */
    static final class Checker {
        private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
        private static final Pattern CODE = Pattern.compile("`([^`]+)`");
        private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*/?");

        private final Path root;
        private final Map<Path, Set<String>> anchors = new HashMap<>();

        Checker(Path root) { this.root = root; }

        List<String> check(Path page) throws IOException {
            List<String> problems = new ArrayList<>();
            String where = root.relativize(page).toString();
            List<String> lines = prose(Files.readAllLines(page, StandardCharsets.UTF_8));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String at = where + ":" + (i + 1) + ": ";
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    String problem = checkLink(page, link.group(2));
                    if (problem != null) problems.add(at + link.group() + ": " + problem);
                }
                Matcher code = CODE.matcher(line.replaceAll(LINK.pattern(), "$1"));
                while (code.find()) {
                    String problem = checkPath(page, code.group(1));
                    if (problem != null) problems.add(at + "`" + code.group(1) + "`: " + problem);
                }
            }
            return problems;
        }

        private String checkLink(Path page, String target) throws IOException {
            if (target.matches("[a-z][a-z0-9+.-]*:.*")) return null; // https:, mailto:, ...
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!resolved.startsWith(root) || !Files.exists(resolved)) return "no such file in the repository";
            if (anchor != null) {
                if (!resolved.toString().endsWith(".md")) return "an anchor into a file that is not markdown";
                if (!anchors(resolved).contains(anchor)) {
                    return "no heading '#" + anchor + "' in " + root.relativize(resolved) + " (it has " + anchors(resolved) + ")";
                }
            }
            return null;
        }

        /**
         * A backticked word is taken for a repository path when it looks like one and starts with a
         * folder or file of the repository root (or of the page's folder): {@code docs/cli.md} is,
         * {@code ava.candidates} and {@code application/json} are not. Build outputs are skipped.
         */
        private String checkPath(Path page, String code) {
            if (code.matches("[A-Za-z0-9._-]+\\.md")) { // a page named alone, e.g. `DESIGN.md`
                return Files.exists(root.resolve(code)) || Files.exists(page.getParent().resolve(code)) ? null
                        : "no such page at the repository root or beside this one";
            }
            if (!code.contains("/") || !PATH.matcher(code).matches()) return null;
            String first = code.substring(0, code.indexOf('/'));
            if (first.isEmpty() || first.equals(".") || first.equals("..")) return null;
            if (code.contains("/target/") || code.startsWith("target/")) return null;
            Path base = Files.exists(root.resolve(first)) ? root
                    : Files.exists(page.getParent().resolve(first)) ? page.getParent() : null;
            if (base == null) return null;
            return Files.exists(base.resolve(code)) ? null : "no such path in the repository";
        }

        private Set<String> anchors(Path page) throws IOException {
            Set<String> known = anchors.get(page);
            if (known != null) return known;
            known = new LinkedHashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : prose(Files.readAllLines(page, StandardCharsets.UTF_8))) {
                Matcher h = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$").matcher(line);
                if (!h.matches()) continue;
                String slug = slug(h.group(1));
                int n = seen.merge(slug, 1, Integer::sum);
                known.add(n == 1 ? slug : slug + "-" + (n - 1)); // GitHub numbers repeated headings
            }
            anchors.put(page, known);
            return known;
        }

        /** GitHub's anchor of a heading: its text, lower case, punctuation dropped, spaces as hyphens. */
        static String slug(String heading) {
            String text = heading.replaceAll(LINK.pattern(), "$1").replace("`", "");
            return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        }

        /** The page's lines with fenced code blocks blanked (kept as empty lines, so line numbers hold). */
        private static List<String> prose(List<String> lines) {
            List<String> out = new ArrayList<>();
            boolean fenced = false;
            for (String line : lines) {
                if (line.stripLeading().startsWith("```")) {
                    fenced = !fenced;
                    out.add("");
                } else {
                    out.add(fenced ? "" : line);
                }
            }
            return out;
        }
    }
}
