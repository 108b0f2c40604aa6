package dev.avastream.operators.search;

import dev.avastream.schema.FrameAnnotation;

/** A clause "field op value": numeric (&lt; &lt;= &gt; &gt;= = !=) or on a word field (= !=). */
final class Comparison implements Clause {

    /** The operators, longest first so that "<=" is not read as "<". */
    static final String[] OPERATORS = {"<=", ">=", "!=", "==", "<", ">", "="};

    private final QueryFields.NumericField numeric;
    private final QueryFields.WordField word;
    private final String op;
    private final double number;
    private final long integer;
    private final boolean integralValue;
    private final String wordValue;
    private final String text;

    private Comparison(QueryFields.NumericField numeric, QueryFields.WordField word, String op, double number,
                       String wordValue, String text) {
        this.numeric = numeric;
        this.word = word;
        this.op = op;
        this.number = number;
        this.integralValue = numeric != null && number == Math.rint(number) && Math.abs(number) < 9.0e15;
        this.integer = (long) number;
        this.wordValue = wordValue;
        this.text = text;
    }

    static Comparison numeric(QueryFields.NumericField f, String writtenName, String op, double value, String valueText) {
        return new Comparison(f, null, op, value, null, writtenName + " " + op + " " + valueText);
    }

    static Comparison word(QueryFields.WordField f, String op, String value, String text) {
        return new Comparison(null, f, op, Double.NaN, value, text);
    }

    @Override
    public boolean measured(FrameAnnotation a, SearchContext ctx) {
        return numeric != null ? numeric.read(a, ctx) != null : word.read(a, ctx) != null;
    }

    @Override
    public boolean test(FrameAnnotation a, SearchContext ctx) {
        if (word != null) {
            String v = word.read(a, ctx);
            if (v == null) return false;
            boolean eq = v.equalsIgnoreCase(wordValue);
            return op.equals("=") ? eq : !eq;
        }
        Number v = numeric.read(a, ctx);
        if (v == null || Double.isNaN(v.doubleValue())) return false;
        int c = numeric.integral() && integralValue && (v instanceof Long || v instanceof Integer)
                ? Long.compare(v.longValue(), integer) // exact for large longs (perceptualHash, timeUs)
                : Double.compare(v.doubleValue(), number);
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "=" -> c == 0;
            case "!=" -> c != 0;
            default -> throw new IllegalStateException(op);
        };
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public String definition() {
        if (word != null) {
            String target = word.name().equals("expression") ? "largest face's expression"
                    : word.name().equals("character") ? "largest face's character" : word.name();
            return target + " " + op + " " + wordValue;
        }
        String target = numeric.name().equals("score") ? "the frame's quality score" : numeric.name();
        String value = numeric.integral() && integralValue ? Long.toString(integer) : Double.toString(number);
        return target + " " + op + " " + value;
    }

    @Override
    public String requirement() {
        if (word != null) {
            return switch (word.name()) {
                case "expression" -> Requirement.LARGEST_FACE.description();
                case "character" -> Requirement.CHARACTER.description();
                case "cameraMotion" -> Requirement.CAMERA_MOTION.description();
                default -> word.name() + " != UNKNOWN";
            };
        }
        if (numeric.name().equals("score")) return "the frame's score is known";
        return QueryFields.hasSentinel(numeric.name()) ? numeric.name() + " != -1" : Requirement.ALWAYS.description();
    }
}
