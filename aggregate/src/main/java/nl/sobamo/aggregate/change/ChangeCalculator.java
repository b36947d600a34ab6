package nl.sobamo.aggregate.change;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.sobamo.catalog.DefinitionBreak;
import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorValue;

/**
 * Year-over-year change of one indicator of one municipality between two consecutive periods. A change across
 * a known definition break is still published, with {@code comparable = false} and the reason, so a monitor
 * can show it with a warning instead of as a policy effect.
 */
public final class ChangeCalculator {

    private final List<DefinitionBreak> breaks;

    public ChangeCalculator(List<DefinitionBreak> breaks) {
        this.breaks = List.copyOf(breaks);
    }

    public IndicatorChange between(IndicatorValue from, IndicatorValue to) {
        Double a = from.getValue();
        Double b = to.getValue();
        Double absolute = a == null || b == null ? null : b - a;
        Double relative = absolute == null || a == 0.0 ? null : absolute / Math.abs(a) * 100.0;
        Optional<DefinitionBreak> br = breaks.stream()
                .filter(d -> d.applies(to.getIndicatorId(), from.getPeriod(), to.getPeriod())).findFirst();
        Instant asOf = from.getDataAsOf().isAfter(to.getDataAsOf()) ? from.getDataAsOf() : to.getDataAsOf();
        return IndicatorChange.newBuilder()
                .setIndicatorId(to.getIndicatorId())
                .setMunicipalityCode(to.getMunicipalityCode())
                .setSphere(to.getSphere())
                .setFromPeriod(from.getPeriod())
                .setToPeriod(to.getPeriod())
                .setUnit(to.getUnit())
                .setFromValue(a)
                .setToValue(b)
                .setAbsoluteChange(absolute)
                .setRelativeChange(relative)
                .setComparable(br.isEmpty())
                .setBreakReason(br.map(d -> d.code() + ": " + d.explanation()).orElse(null))
                .setDataAsOf(asOf)
                .build();
    }

    /** The year before a period like "2023" (or "2023JJ00"), or null when the period is no year. */
    public static String previousPeriod(String period) {
        return shift(period, -1);
    }

    public static String nextPeriod(String period) {
        return shift(period, 1);
    }

    private static String shift(String period, int years) {
        if (period == null || period.length() < 4) {
            return null;
        }
        try {
            return (Integer.parseInt(period.substring(0, 4)) + years) + period.substring(4);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
