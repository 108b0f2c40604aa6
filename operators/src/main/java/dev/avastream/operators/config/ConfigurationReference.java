package dev.avastream.operators.config;

import java.util.List;

/**
 * The settings of {@link Tunables} written out for people: plain text for {@code ava config}, Markdown
 * for docs/configuration.md (ConfigurationDocTest keeps that file equal to {@link #markdown()}) and JSON
 * for scripts. Generated, so the reference cannot disagree with the code.
 */
public final class ConfigurationReference {
    private ConfigurationReference() {}

    /** For a terminal: per section, each key with its option, default and documentation. */
    public static String text() {
        StringBuilder b = new StringBuilder();
        for (Section section : Section.values()) {
            b.append(section.title()).append(" (").append(section.prefix()).append(".*)\n");
            for (String line : wrap(section.description(), 78)) b.append("  ").append(line).append('\n');
            for (Setting<?> s : in(section)) {
                b.append("  ").append(s.key()).append(" = ").append(s.defaultText());
                if (s.option() != null) b.append("   [").append(s.option()).append(']');
                b.append('\n');
                for (String line : wrap(s.doc() + " Valid: " + s.check().description() + ".", 74)) {
                    b.append("      ").append(line).append('\n');
                }
            }
            b.append('\n');
        }
        b.append("Live job (live, bench-latency): these defaults differ there\n");
        for (ProfileDefault<?> d : Tunables.LIVE_DEFAULTS) {
            b.append("  ").append(d.setting().key()).append(" = ").append(d.valueText()).append('\n');
            for (String line : wrap(d.reason(), 74)) b.append("      ").append(line).append('\n');
        }
        b.append('\n');
        b.append("Weight profiles (quality.profile, --profile): what each moves; what is set\n")
                .append("explicitly still wins\n");
        for (WeightProfile p : WeightProfile.values()) {
            b.append("  ").append(p.id()).append('\n');
            for (String line : wrap(p.purpose(), 74)) b.append("      ").append(line).append('\n');
            for (ProfileDefault<?> d : p.overrides()) {
                b.append("    ").append(d.setting().key()).append(" = ").append(d.valueText()).append('\n');
                for (String line : wrap(d.reason(), 72)) b.append("        ").append(line).append('\n');
            }
        }
        b.append('\n');
        b.append("Set any of them with --set KEY=VALUE (run, demo, bench, live, bench-latency and\n")
                .append("the cluster entry point AvaJobMain); those in [brackets] have an option too.\n");
        return b.toString();
    }

    /** docs/configuration.md. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Configuration\n\n")
                .append("<!-- Generated from Tunables.java by ConfigurationReference: do not edit by hand. "
                        + "Regenerate with\n     mvn -pl operators -am verify -Dtest=ConfigurationDocTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dava.regenerateDocs=true -->\n\n")
                .append("Every tunable of the pipeline, with its default, in one place: ")
                .append("`operators/src/main/java/dev/avastream/operators/config/Tunables.java`. ")
                .append("The parameter records of the detectors, the scorer and the title fold take their ")
                .append("defaults from there and check their values against it; the command line and the ")
                .append("cluster entry point generate their options from it; `ava config` prints it ")
                .append("(`--json`, `--markdown` for this page).\n\n")
                .append("Set any setting with `--set KEY=VALUE` (repeatable) on `ava run`, `demo`, `bench`, ")
                .append("`live`, `bench-latency` and on the cluster entry point `AvaJobMain`; the settings ")
                .append("with an option of their own (`--top-k`, `--chunk-seconds`, ...) take that too. ")
                .append("An invalid value is a usage error (exit code 2) that names the setting and the rule, ")
                .append("e.g. `--top-k 0`.\n\n");
        for (Section section : Section.values()) {
            b.append("## ").append(section.title()).append("\n\n").append(section.description()).append("\n\n")
                    .append("| key | option | default | valid | what it does |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (Setting<?> s : in(section)) {
                b.append("| `").append(s.key()).append("` | ")
                        .append(s.option() == null ? "" : "`" + s.option() + "`").append(" | ")
                        .append(s.hasFixedDefault() ? "`" + s.defaultText() + "`" : s.defaultText()).append(" | ")
                        .append(s.check().description()).append(" | ")
                        .append(s.doc().replace("|", "\\|")).append(" |\n");
            }
            b.append('\n');
        }
        b.append("## Live job\n\n")
                .append("`ava live` and `ava bench-latency` start from these defaults instead; a value set on ")
                .append("the command line still wins.\n\n")
                .append("| key | live default | why |\n| --- | --- | --- |\n");
        for (ProfileDefault<?> d : Tunables.LIVE_DEFAULTS) {
            b.append("| `").append(d.setting().key()).append("` | `").append(d.valueText()).append("` | ")
                    .append(d.reason().replace("|", "\\|")).append(" |\n");
        }
        b.append('\n');
        b.append("## Weight profiles\n\n")
                .append("`quality.profile` (`--profile`, and per live title `ava ingest --profile`) names one of these ")
                .append("sets of quality weights; a weight it does not list keeps its default above, and a value set ")
                .append("explicitly (`--set quality.face-weight=...`) still wins over the profile. See ")
                .append("docs/ranking.md for what each is for.\n\n")
                .append("| profile | key | value | why |\n| --- | --- | --- | --- |\n");
        for (WeightProfile p : WeightProfile.values()) {
            if (p.overrides().isEmpty()) {
                b.append("| `").append(p.id()).append("` | | | ").append(p.purpose()).append(" |\n");
            }
            for (ProfileDefault<?> d : p.overrides()) {
                b.append("| `").append(p.id()).append("` | `").append(d.setting().key()).append("` | `")
                        .append(d.valueText()).append("` | ").append(d.reason().replace("|", "\\|")).append(" |\n");
            }
        }
        b.append('\n');
        return b.toString();
    }

    /**
     * One JSON array of objects: key, section, type, default (null when it depends on the machine),
     * defaultText, liveDefault (the live job's, null when it is the same), valid, option, doc.
     */
    public static String json() {
        StringBuilder b = new StringBuilder("[\n");
        List<Setting<?>> all = Tunables.all();
        for (int i = 0; i < all.size(); i++) {
            Setting<?> s = all.get(i);
            b.append("  {\"key\": ").append(quote(s.key()))
                    .append(", \"section\": ").append(quote(s.section().prefix()))
                    .append(", \"type\": ").append(quote(s.type() == Integer.class ? "integer"
                            : s.type() == Double.class ? "number" : s.type() == Boolean.class ? "boolean"
                            : s.type() == String.class ? "string" : "duration"))
                    .append(", \"default\": ").append(!s.hasFixedDefault() ? "null"
                            : quoted(s) ? quote(s.defaultText()) : s.defaultText())
                    .append(", \"defaultText\": ").append(quote(s.defaultText()))
                    .append(", \"liveDefault\": ").append(liveDefault(s))
                    .append(", \"valid\": ").append(quote(s.check().description()))
                    .append(", \"option\": ").append(s.option() == null ? "null" : quote(s.option()))
                    .append(", \"doc\": ").append(quote(s.doc())).append('}')
                    .append(i + 1 < all.size() ? ",\n" : "\n");
        }
        return b.append("]\n").toString();
    }

    private static String liveDefault(Setting<?> s) {
        for (ProfileDefault<?> d : Tunables.LIVE_DEFAULTS) {
            if (d.setting() == s) return quoted(s) ? quote(d.valueText()) : d.valueText();
        }
        return "null";
    }

    /** Whether a value of the setting is a JSON string (durations and names), not a JSON number or boolean. */
    private static boolean quoted(Setting<?> s) {
        return s.type() == java.time.Duration.class || s.type() == String.class;
    }

    private static List<Setting<?>> in(Section section) {
        return Tunables.all().stream().filter(s -> s.section() == section).toList();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Words of {@code text} in lines of at most {@code width} characters. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
