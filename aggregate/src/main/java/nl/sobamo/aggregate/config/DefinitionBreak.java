package nl.sobamo.aggregate.config;

import java.util.List;

/**
 * A known break in an indicator's definition between two consecutive periods: a year-over-year change across
 * it is published but flagged as not comparable, never compared silently.
 */
public record DefinitionBreak(String code, String fromPeriod, String toPeriod, List<String> indicatorPrefixes, String explanation) {

    /**
     * Iv3 2023: new booking rules for the Wmo, youth-care and neighbourhood-team taakvelden (wijkteams move to
     * 6.2, 6.71/6.72/6.81/6.82 are split), so 2022 to 2023 changes there are partly accounting (DOMAIN.md).
     */
    public static final DefinitionBreak IV3_2023 = new DefinitionBreak("IV3_2023_BOOKING_RULES", "2022", "2023",
            List.of("iv3.lasten.6.1", "iv3.lasten.6.2", "iv3.lasten.6.6", "iv3.lasten.6.7", "iv3.lasten.6.8",
                    "iv3.baten.6.1", "iv3.baten.6.2", "iv3.baten.6.6", "iv3.baten.6.7", "iv3.baten.6.8"),
            "Iv3 booking rules changed in 2023 for the Wmo, youth-care and neighbourhood-team taakvelden; "
                    + "the 2022-2023 change is partly accounting, not policy");

    public boolean applies(String indicatorId, String from, String to) {
        return fromPeriod.equals(from) && toPeriod.equals(to)
                && indicatorPrefixes.stream().anyMatch(p -> indicatorId.equals(p) || indicatorId.startsWith(p + "."));
    }
}
