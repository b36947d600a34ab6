package nl.sobamo.ingest.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Line numbers and line texts of a document, by character position. A CSV parser reports where a record starts;
 * dead letters and record locations need the line number and the original text instead.
 */
public final class TextLines {

    private final String text;
    private final int[] lineStarts;

    public TextLines(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Skips line breaks at {@code position}: a parser that ignores empty lines reports the first of them. */
    public int contentStart(int position) {
        int p = position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        return p;
    }

    /** 1-based number of the line holding {@code position}. */
    public int lineNumber(int position) {
        int i = Arrays.binarySearch(lineStarts, position);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The text from {@code start} to {@code end}, without the line breaks that end it. */
    public String slice(int start, int end) {
        int e = Math.min(end, text.length());
        while (e > start && (text.charAt(e - 1) == '\n' || text.charAt(e - 1) == '\r')) {
            e--;
        }
        return text.substring(start, e);
    }

    public int length() {
        return text.length();
    }

    /**
     * Compact line ranges for a location: {@code [2..72]} gives {@code lines 2-72}, {@code [5]} gives {@code line 5},
     * gaps give {@code lines 2-10, 12-72}.
     *
     * @param lines ascending line numbers
     */
    public static String describe(List<Integer> lines) {
        if (lines.size() == 1) {
            return "line " + lines.get(0);
        }
        StringBuilder sb = new StringBuilder("lines ");
        int from = lines.get(0);
        int prev = from;
        for (int i = 1; i <= lines.size(); i++) {
            Integer next = i < lines.size() ? lines.get(i) : null;
            if (next == null || next != prev + 1) {
                if (sb.length() > "lines ".length()) {
                    sb.append(", ");
                }
                sb.append(from == prev ? Integer.toString(from) : from + "-" + prev);
                if (next != null) {
                    from = next;
                }
            }
            if (next != null) {
                prev = next;
            }
        }
        return sb.toString();
    }
}
