package nl.sobamo.aggregate.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimum norm for one indicator: a municipality meets it when its value is at least (or at most) the norm.
 * DOMAIN.md: users ask "are we investing enough", against the average, the top 10%, peers or a minimum norm.
 */
public record Norm(String indicatorId, double value, Direction direction, String source) {

    public enum Direction { AT_LEAST, AT_MOST }

    public boolean isMetBy(double v) {
        return direction == Direction.AT_LEAST ? v >= value : v <= value;
    }

    /**
     * Parses {@code indicatorId>=value[@source];indicatorId<=value[@source];...}, e.g.
     * {@code iv3.lasten.6.1.per_inhabitant>=150@Voorbeeldnorm gemeenteraad}.
     */
    public static Map<String, Norm> parseAll(String spec) {
        Map<String, Norm> norms = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return norms;
        }
        for (String part : spec.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int at = p.indexOf('@');
            String source = at < 0 ? null : p.substring(at + 1).trim();
            String rule = at < 0 ? p : p.substring(0, at).trim();
            Direction direction;
            int op = rule.indexOf(">=");
            if (op >= 0) {
                direction = Direction.AT_LEAST;
            } else {
                op = rule.indexOf("<=");
                direction = Direction.AT_MOST;
            }
            if (op <= 0) {
                throw new IllegalArgumentException("norm '" + p + "' must look like indicatorId>=value[@source] or indicatorId<=value");
            }
            String id = rule.substring(0, op).trim();
            double value;
            try {
                value = Double.parseDouble(rule.substring(op + 2).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("norm '" + p + "': '" + rule.substring(op + 2).trim() + "' is no number", e);
            }
            if (norms.put(id, new Norm(id, value, direction, source)) != null) {
                throw new IllegalArgumentException("norm for " + id + " configured twice");
            }
        }
        return norms;
    }

    @Override
    public String toString() {
        return indicatorId + (direction == Direction.AT_LEAST ? ">=" : "<=") + String.format(Locale.ROOT, "%s", value);
    }
}
