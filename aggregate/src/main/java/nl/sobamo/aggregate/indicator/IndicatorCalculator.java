package nl.sobamo.aggregate.indicator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import nl.sobamo.schemas.state.MunicipalityFacts;
import org.apache.kafka.streams.KeyValue;

/**
 * Computes the indicator-table rows of one municipality and period from its current observations. Pure and
 * deterministic: the same facts always give the same rows, so replays leave the compacted table unchanged.
 */
public final class IndicatorCalculator {

    public static final String SMALL_CELL = "SMALL_CELL";

    private final List<DerivedIndicator> derived;
    private final Comparator<Observation> priority;
    private final int smallCellThreshold;
    private final Set<String> smallCellSources;

    public IndicatorCalculator(List<DerivedIndicator> derived, SourcePriority priority) {
        this(derived, priority, 0, Set.of());
    }

    /**
     * @param smallCellThreshold COUNT observations of {@code smallCellSources} below this are small cells: every row
     *                           built from one is published with value null and reason SMALL_CELL (0 disables)
     */
    public IndicatorCalculator(List<DerivedIndicator> derived, SourcePriority priority, int smallCellThreshold,
                               Set<String> smallCellSources) {
        this.derived = List.copyOf(derived);
        this.priority = priority.comparator();
        this.smallCellThreshold = smallCellThreshold;
        this.smallCellSources = Set.copyOf(smallCellSources);
    }

    /** Every row of one municipality and period (the whole facts at once; the topology works incrementally). */
    public List<KeyValue<IndicatorKey, IndicatorValue>> compute(MunicipalityFacts facts) {
        Map<String, Observation> chosen = chooseOnePerIndicator(facts);
        List<KeyValue<IndicatorKey, IndicatorValue>> rows = new ArrayList<>();
        for (Observation o : chosen.values()) {
            rows.add(observedRow(o));
        }
        for (DerivedIndicator d : derived) {
            derivedRow(d, chosen.get(d.numeratorId()), chosen.get(d.denominatorId())).ifPresent(rows::add);
        }
        return rows;
    }

    /** The observation the table shows when several sources give the same indicator (see {@link SourcePriority}). */
    public Optional<Observation> choose(Collection<Observation> candidates) {
        return candidates.stream().min(priority);
    }

    public KeyValue<IndicatorKey, IndicatorValue> observedRow(Observation o) {
        return row(suppressIfSmall(observed(o), o));
    }

    /** Missing is not zero: without both inputs, or with a zero denominator, there is no row at all. */
    public Optional<KeyValue<IndicatorKey, IndicatorValue>> derivedRow(DerivedIndicator d, Observation numerator,
                                                                       Observation denominator) {
        if (numerator == null || denominator == null || denominator.getValue() == 0.0) {
            return Optional.empty();
        }
        return Optional.of(row(suppressIfSmall(derivedValue(d, numerator, denominator), numerator, denominator)));
    }

    /** Derived indicators that use the indicator as numerator or denominator. */
    public List<DerivedIndicator> derivedFrom(String indicatorId) {
        return derived.stream().filter(d -> d.numeratorId().equals(indicatorId) || d.denominatorId().equals(indicatorId))
                .toList();
    }

    /** Is this a pushed count small enough to identify people or single activities? */
    boolean isSmallCell(Observation o) {
        return smallCellThreshold > 0 && "COUNT".equals(o.getUnit()) && smallCellSources.contains(o.getSource().getSource())
                && o.getValue() < smallCellThreshold;
    }

    private IndicatorValue suppressIfSmall(IndicatorValue row, Observation... inputs) {
        for (Observation o : inputs) {
            if (isSmallCell(o)) {
                return IndicatorValue.newBuilder(row).setValue(null).setRawValue(null).setLowerBound(null).setUpperBound(null)
                        .setDenominatorValue(null)
                        .setSuppressionReason(SMALL_CELL + ": " + o.getIndicatorId() + " is a pushed count below "
                                + smallCellThreshold)
                        .build();
            }
        }
        return row;
    }

    private Map<String, Observation> chooseOnePerIndicator(MunicipalityFacts facts) {
        return facts.getObservations().values().stream()
                .collect(Collectors.groupingBy(Observation::getIndicatorId, TreeMap::new,
                        Collectors.collectingAndThen(Collectors.minBy(priority), o -> o.orElseThrow())));
    }

    private static IndicatorValue observed(Observation o) {
        return IndicatorValue.newBuilder()
                .setIndicatorId(o.getIndicatorId())
                .setMunicipalityCode(o.getMunicipalityCode())
                .setSphere(o.getSphere())
                .setIngredient(o.getIngredient())
                .setPeriod(o.getPeriod())
                .setValue(o.getValue())
                .setUnit(o.getUnit())
                .setRawValue(o.getValue())
                .setRawUnit(o.getUnit())
                .setLowerBound(o.getLowerBound())
                .setUpperBound(o.getUpperBound())
                .setHarmonised(o.getHarmonised())
                .setProvenance(List.of(o.getSource()))
                .setDataAsOf(o.getSource().getFetchedAt())
                .build();
    }

    private static IndicatorValue derivedValue(DerivedIndicator d, Observation numerator, Observation denominator) {
        Instant asOf = max(numerator.getSource().getFetchedAt(), denominator.getSource().getFetchedAt());
        List<SourceRef> provenance = List.of(numerator.getSource(), denominator.getSource());
        return IndicatorValue.newBuilder()
                .setIndicatorId(d.id())
                .setMunicipalityCode(numerator.getMunicipalityCode())
                .setSphere(d.sphere())
                .setIngredient(d.ingredient())
                .setPeriod(numerator.getPeriod())
                .setValue(numerator.getValue() / denominator.getValue() * d.factor())
                .setUnit(d.unit())
                .setRawValue(numerator.getValue())
                .setRawUnit(numerator.getUnit())
                .setDenominatorIndicatorId(denominator.getIndicatorId())
                .setDenominatorValue(denominator.getValue())
                .setDenominatorReferenceDate(denominator.getReferenceDate())
                .setHarmonised(numerator.getHarmonised() || denominator.getHarmonised())
                .setProvenance(provenance)
                .setDataAsOf(asOf)
                .build();
    }

    private static KeyValue<IndicatorKey, IndicatorValue> row(IndicatorValue v) {
        return KeyValue.pair(new IndicatorKey(v.getMunicipalityCode(), v.getSphere(), v.getIndicatorId(), v.getPeriod()), v);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
