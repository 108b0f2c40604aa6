package dev.avastream.operators.search;

import dev.avastream.schema.FrameAnnotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed search query over frame annotations, e.g. "close-up, main character, smiling, no text". The language
 * (see docs/search.md and {@link #help()}): clauses separated by commas or " and ", all of which must match; each
 * optionally negated by a leading "no " or "not ", then a named {@link QueryTerm}, "character-N", or a comparison
 * "field op value". Case-insensitive.
 *
 * <p>Measured semantics: a clause reads some fields, and matches (negated or not) only frames where they are
 * measured. So "q" and "no q" are disjoint and together cover exactly the frames where q is measured: "no text" is
 * the model frames with textCoverage = 0, never a frame where text was not looked for.
 *
 * <p>Immutable and thread-safe.
 */
public final class FrameQuery {

    private static final Pattern SEPARATOR = Pattern.compile(",|\\s+and\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile("^(no|not)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHARACTER_N = Pattern.compile("character(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_ -]*");

    private record Part(boolean negated, Clause clause) {
        String text() {
            return negated ? (clause instanceof Comparison ? "not " : "no ") + clause.text() : clause.text();
        }
    }

    private final List<Part> parts;

    private FrameQuery(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a query.
     *
     * @throws QuerySyntaxException naming the clause, its position and a hint, for an empty query or clause, an
     *                              unknown term or field, a bad number or word value, or an operator a field lacks
     */
    public static FrameQuery parse(String text) {
        if (text == null || text.isBlank())
            throw new QuerySyntaxException("", 0, "empty query", "write clauses separated by commas, e.g. \"close-up, smiling, no text\"");
        List<Part> parts = new ArrayList<>();
        Matcher m = SEPARATOR.matcher(text);
        int start = 0;
        while (true) {
            boolean found = m.find();
            int end = found ? m.start() : text.length();
            parts.add(parseClause(text.substring(start, end), start));
            if (!found) break;
            start = m.end();
        }
        return new FrameQuery(parts);
    }

    /** Whether the frame matches every clause (each measured on it, and true, or false where negated). */
    public boolean matches(FrameAnnotation a, SearchContext ctx) {
        for (Part p : parts) {
            if (!p.clause.measured(a, ctx)) return false;
            if (p.clause.test(a, ctx) == p.negated) return false;
        }
        return true;
    }

    /** Whether every clause's fields are measured on the frame: the frames where this query can say yes or no. */
    public boolean measured(FrameAnnotation a, SearchContext ctx) {
        for (Part p : parts) if (!p.clause.measured(a, ctx)) return false;
        return true;
    }

    /**
     * The normalised query, one clause a line with its exact definition and what must be measured, e.g.
     * "close-up: shotType = CLOSE_UP [measured: shotType != UNKNOWN (a model frame)]".
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (b.length() > 0) b.append('\n');
            String def = p.negated ? "not (" + p.clause.definition() + ")" : p.clause.definition();
            b.append(p.text()).append(": ").append(def).append(" [measured: ").append(p.clause.requirement()).append(']');
        }
        return b.toString();
    }

    /** The normalised query, e.g. "close-up, main character, smiling, no text". */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (b.length() > 0) b.append(", ");
            b.append(p.text());
        }
        return b.toString();
    }

    private static Part parseClause(String raw, int offset) {
        int lead = 0;
        while (lead < raw.length() && Character.isWhitespace(raw.charAt(lead))) lead++;
        String clause = raw.strip().replaceAll("\\s+", " ");
        int pos = offset + lead;
        if (clause.isEmpty())
            throw new QuerySyntaxException("", pos, "empty clause", "remove the extra comma or \"and\"");
        boolean negated = false;
        String body = clause;
        Matcher neg = NEGATION.matcher(body);
        if (neg.find()) {
            negated = true;
            body = body.substring(neg.end());
        }
        int opAt = -1;
        String op = null;
        for (int i = 0; i < body.length() && op == null; i++)
            for (String o : Comparison.OPERATORS)
                if (body.startsWith(o, i)) {
                    opAt = i;
                    op = o;
                    break;
                }
        if (op == null) return new Part(negated, term(body, clause, pos));
        return new Part(negated, comparison(body.substring(0, opAt).strip(), op.equals("==") ? "=" : op,
                body.substring(opAt + op.length()).strip(), clause, pos));
    }

    private static Clause term(String body, String clause, int pos) {
        if (body.isEmpty())
            throw new QuerySyntaxException(clause, pos, "missing term after \"no\"/\"not\"", "e.g. \"no text\"");
        QueryTerm t = QueryTerm.byName(body);
        if (t != null) return t.clause();
        Matcher ch = CHARACTER_N.matcher(Suggestions.key(body));
        if (ch.matches()) {
            String name = "character-" + Long.parseLong(ch.group(1));
            return Comparison.word(QueryFields.WORD.get("character"), "=", name, name);
        }
        if (QueryFields.numeric(body) != null || QueryFields.word(body) != null)
            throw new QuerySyntaxException(clause, pos, "a field without a comparison",
                    "compare it with a value, e.g. \"" + body.toLowerCase(Locale.ROOT) + " > 0.5\" or \"" + body + " = VALUE\"");
        List<String> names = new ArrayList<>(QueryTerm.allNames());
        names.add("character-1");
        String hint = Suggestions.didYouMean(Suggestions.closest(body, names, 3));
        throw new QuerySyntaxException(clause, pos, "unknown term \"" + body + "\"",
                hint.isEmpty() ? "see --help-query for the terms" : hint);
    }

    private static Clause comparison(String field, String op, String value, String clause, int pos) {
        if (field.isEmpty() || !FIELD_NAME.matcher(field).matches())
            throw new QuerySyntaxException(clause, pos, "a comparison needs a field on the left of " + op,
                    "e.g. \"brightness > 0.5\"");
        if (value.isEmpty())
            throw new QuerySyntaxException(clause, pos, "missing value after " + op, "e.g. \"" + field + " " + op + " 1\"");
        QueryFields.NumericField n = QueryFields.numeric(field);
        if (n != null) {
            if (!NUMBER.matcher(value).matches())
                throw new QuerySyntaxException(clause, pos, "bad number \"" + value + "\"",
                        field + " is numeric: write a number, e.g. \"" + field + " " + op + " 0.5\"");
            String shown = QueryFields.ALIASES.containsKey(Suggestions.key(field)) ? Suggestions.key(field) : n.name();
            return Comparison.numeric(n, shown, op, Double.parseDouble(value), value);
        }
        QueryFields.WordField w = QueryFields.word(field);
        if (w != null) {
            if (!op.equals("=") && !op.equals("!="))
                throw new QuerySyntaxException(clause, pos, w.name() + " takes only = and !=",
                        "e.g. \"" + w.name() + " = " + (w.values().isEmpty() ? "VALUE" : w.values().get(0).toLowerCase(Locale.ROOT)) + "\"");
            String v = wordValue(w, value, clause, pos);
            return Comparison.word(w, op, v, w.name() + " " + op + " " + v);
        }
        String hint = Suggestions.didYouMean(Suggestions.closest(field, QueryFields.allNames(), 3));
        throw new QuerySyntaxException(clause, pos, "unknown field \"" + field + "\"",
                hint.isEmpty() ? "see --help-query for the fields" : hint);
    }

    private static String wordValue(QueryFields.WordField w, String value, String clause, int pos) {
        String k = Suggestions.key(value);
        if (w.name().equals("expression")) {
            String syn = QueryFields.EXPRESSION_SYNONYMS.get(k);
            if (syn != null) return syn;
        }
        if (!w.values().isEmpty()) {
            for (String known : w.values()) if (Suggestions.key(known).equals(k)) return known;
            if (w.name().equals("shotType") && k.endsWith("shot"))
                for (String known : w.values())
                    if (Suggestions.key(known).equals(k.substring(0, k.length() - 4))) return known;
            String hint = k.equals("unknown") ? "UNKNOWN means not measured, and such frames never match; one of "
                    + String.join(", ", w.values()) : Suggestions.didYouMean(Suggestions.closest(value, w.values(), 3));
            throw new QuerySyntaxException(clause, pos, "unknown " + w.name() + " \"" + value + "\"",
                    hint.isEmpty() ? "one of " + String.join(", ", w.values()) : hint);
        }
        String v = value.strip().replaceAll("\\s+", w.upperSnake() ? "_" : "-");
        return w.upperSnake() ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
    }

    /** The language reference for --help-query; every line at most 80 columns. */
    public static String help() {
        return QueryHelp.text();
    }
}
