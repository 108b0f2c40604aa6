package dev.avastream.operators.search;

import java.util.ArrayList;
import java.util.List;

/** The language reference behind {@link FrameQuery#help()}, built from the vocabulary and the schema. */
final class QueryHelp {

    private QueryHelp() {}

    static final int WIDTH = 80;

    static String text() {
        StringBuilder b = new StringBuilder();
        para(b, "", "A search query is clauses separated by commas (or \" and \"); a frame matches when every "
                + "clause does. A clause is a term or a comparison, optionally negated by a leading \"no \" or "
                + "\"not \". Case and extra spaces do not matter.");
        b.append('\n');
        para(b, "", "Measured: a clause matches, negated or not, only frames where the fields it reads are "
                + "measured. Model fields (faces, people, text, nudity, shot type, subject) are measured only on "
                + "model frames (modelFrame STRIDE or CANDIDATE); a numeric field whose default is -1 is not "
                + "measured where it holds -1; a word field where it is UNKNOWN. So \"no text\" is the model "
                + "frames with textCoverage = 0, and \"q\" and \"no q\" split the frames where q is measured.");
        b.append("\nTerms (the largest face is the frame's first, largest face):\n");
        for (QueryTerm t : QueryTerm.values()) row(b, String.join(" / ", t.names()), t.definition());
        row(b, "character-N", "largest face's character = character-N");
        b.append("\nComparisons: FIELD OP VALUE\n");
        para(b, "  ", "Numeric fields take < <= > >= = != and a number; word fields take = and != and a word.");
        para(b, "  ", "Numeric fields (FrameAnnotation's, any case): "
                + String.join(", ", QueryFields.NUMERIC.keySet().stream().filter(n -> !n.equals("score")).toList())
                + "; aliases faces = faceCount, people = personCount, text = textCoverage; score = the frame's "
                + "quality score (where known).");
        List<String> words = new ArrayList<>();
        for (QueryFields.WordField w : QueryFields.WORD.values())
            words.add(w.values().isEmpty() ? w.name() + (w.name().equals("character") ? " (character-N)" : "")
                    : w.name() + " (" + String.join(" ", w.values()).toLowerCase() + ")");
        para(b, "  ", "Word fields: " + String.join("; ", words) + ".");
        b.append("\nExamples:\n");
        for (String e : List.of("close-up, main character, smiling, no text", "faces >= 2 and bright and static",
                "shotType = medium, not expression = neutral", "brightness > 0.5, sharpness >= 0.6, score > 1"))
            b.append("  ").append(e).append('\n');
        return b.toString();
    }

    private static void row(StringBuilder b, String name, String definition) {
        int col = 24;
        String head = "  " + name;
        List<String> lines = wrap(definition, WIDTH - col);
        if (head.length() >= col) {
            b.append(head).append('\n');
            head = "";
        }
        for (String line : lines) {
            b.append(head).append(" ".repeat(col - head.length())).append(line).append('\n');
            head = "";
        }
    }

    private static void para(StringBuilder b, String indent, String text) {
        for (String line : wrap(text, WIDTH - indent.length())) b.append(indent).append(line).append('\n');
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.add(line.toString());
        return out;
    }
}
