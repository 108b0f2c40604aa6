package dev.avastream.operators.search;

/** A query that does not parse: names the clause, where it starts in the query, and a hint for fixing it. */
public final class QuerySyntaxException extends IllegalArgumentException {

    private final String clause;
    private final int position;
    private final String problem;
    private final String hint;

    /**
     * @param clause   the offending clause as written (trimmed; "" for an empty one)
     * @param position 0-based character offset of the clause in the query
     * @param problem  what is wrong, e.g. "unknown term"
     * @param hint     how to fix it, e.g. "did you mean \"smiling\"?"; "" when none
     */
    public QuerySyntaxException(String clause, int position, String problem, String hint) {
        super(problem + " in clause \"" + clause + "\" at position " + position + (hint.isEmpty() ? "" : ": " + hint));
        this.clause = clause;
        this.position = position;
        this.problem = problem;
        this.hint = hint;
    }

    public String clause() { return clause; }

    public int position() { return position; }

    public String problem() { return problem; }

    public String hint() { return hint; }
}
