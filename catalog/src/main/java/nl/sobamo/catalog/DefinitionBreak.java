package nl.sobamo.catalog;

import java.util.List;

/**
 * A known break in an indicator's definition between two consecutive periods (catalog {@code definitionBreaks}):
 * a year-over-year change across it is published but flagged as not comparable, never compared silently.
 *
 * @param indicatorPrefixes indicator ids the break applies to, each also covering the ids derived from it
 *                          ({@code iv3.lasten.6.6} covers {@code iv3.lasten.6.6.per_inhabitant})
 */
public record DefinitionBreak(String code, String fromPeriod, String toPeriod, List<String> indicatorPrefixes,
                              String explanation) {

    public DefinitionBreak {
        indicatorPrefixes = indicatorPrefixes == null ? List.of() : List.copyOf(indicatorPrefixes);
    }

    public boolean applies(String indicatorId, String from, String to) {
        return fromPeriod.equals(from) && toPeriod.equals(to) && covers(indicatorId);
    }

    /** Whether the indicator (or the indicator it is derived from) is affected by the break. */
    public boolean covers(String indicatorId) {
        return indicatorPrefixes.stream().anyMatch(p -> indicatorId.equals(p) || indicatorId.startsWith(p + "."));
    }

    /** The same break, also covering {@code more} ids. */
    DefinitionBreak including(List<String> more) {
        List<String> all = new java.util.ArrayList<>(indicatorPrefixes);
        more.stream().filter(id -> !all.contains(id)).forEach(all::add);
        return new DefinitionBreak(code, fromPeriod, toPeriod, all, explanation);
    }

    void validate(List<String> errors) {
        if (code == null || fromPeriod == null || toPeriod == null || indicatorPrefixes.isEmpty() || explanation == null) {
            errors.add("definitionBreaks entry " + code + " needs code, fromPeriod, toPeriod, indicatorPrefixes and explanation");
        }
    }
}
