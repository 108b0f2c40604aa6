package dev.avastream.operators.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Closest known words to a misspelt one, by edit distance over the words' letters and digits. */
final class Suggestions {

    private Suggestions() {}

    /** Lower case, letters and digits only: "Close-up", "close up" and "closeup" share the key "closeup". */
    static String key(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) if (Character.isLetterOrDigit(c)) b.append(c);
        return b.toString();
    }

    /**
     * Up to {@code max} candidates within a small edit distance of {@code input} (at most 3, and about a third of its
     * length so that short words do not suggest everything), closest first.
     */
    static List<String> closest(String input, Collection<String> candidates, int max) {
        String k = key(input);
        int limit = Math.min(3, Math.max(2, k.length() / 3));
        List<String[]> scored = new ArrayList<>();
        for (String c : new LinkedHashSet<>(candidates)) {
            int d = distance(k, key(c));
            if (d <= limit) scored.add(new String[] {c, Integer.toString(d)});
        }
        scored.sort(Comparator.comparingInt((String[] s) -> Integer.parseInt(s[1])));
        List<String> out = new ArrayList<>();
        for (String[] s : scored) if (out.size() < max) out.add(s[0]);
        return out;
    }

    /** "did you mean "a" or "b"?", or "" without suggestions. */
    static String didYouMean(List<String> words) {
        if (words.isEmpty()) return "";
        StringBuilder b = new StringBuilder("did you mean ");
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) b.append(i == words.size() - 1 ? " or " : ", ");
            b.append('"').append(words.get(i)).append('"');
        }
        return b.append('?').toString();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
