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
import org.apache.kafka.streams.KeyValue;

/**
 * Computes the indicator-table rows of one municipality and period from its current observations. Pure and
 * deterministic: the same facts always give the same rows, so replays leave the compacted table unchanged.
 */
public final class IndicatorCalculator {

    public static final String SMALL_CELL = "SMALL_CELL";

    private final List<DerivedIndicator> derived;
    private final Comparator<Observation> priority;
    private final RecordSources recordSources;
    private final int smallCellThreshold;
    private final Set<String> smallCellSources;

    public IndicatorCalculator(List<DerivedIndicator> derived, SourcePriority priority, RecordSources recordSources) {
        this(derived, priority, recordSources, 0, Set.of());
    }

    /**
     * @param smallCellThreshold COUNT observations of {@code smallCellSources} below this are small cells: every row
     *                           built from one is published with value null and reason SMALL_CELL (0 disables)
     */
    public IndicatorCalculator(List<DerivedIndicator> derived, SourcePriority priority, RecordSources recordSources,
                               int smallCellThreshold, Set<String> smallCellSources) {
        this.derived = List.copyOf(derived);
        this.priority = priority.comparator();
        this.recordSources = recordSources;
        this.smallCellThreshold = smallCellThreshold;
        this.smallCellSources = Set.copyOf(smallCellSources);
    }

    /** The value the table shows for one indicator of a municipality and period, with every source record behind it. */
    public record Selection(Observation observation, List<SourceRef> sources) {
        public Selection {
            sources = List.copyOf(sources);
        }
    }

    /**
     * Every row of one municipality and period from all its current observations at once (the topology works
     * incrementally through {@link #choose}, {@link #observedRow} and {@link #derivedRow}; this is their sum).
     */
    public List<KeyValue<IndicatorKey, IndicatorValue>> compute(Collection<Observation> observations) {
        Map<String, Selection> chosen = new TreeMap<>();
        observations.stream()
                .collect(Collectors.groupingBy(Observation::getIndicatorId))
                .forEach((indicator, candidates) -> choose(candidates).ifPresent(sel -> chosen.put(indicator, sel)));
        List<KeyValue<IndicatorKey, IndicatorValue>> rows = new ArrayList<>();
        for (Selection s : chosen.values()) {
            rows.add(observedRow(s));
        }
        for (DerivedIndicator d : derived) {
            List<Selection> numerators = d.numeratorIds().stream().map(chosen::get).toList();
            derivedRow(d, numerators, d.denominatorId() == null ? null : chosen.get(d.denominatorId())).ifPresent(rows::add);
        }
        return rows;
    }

    /**
     * The value the table shows when several observations give the same indicator: the most authoritative source
     * (see {@link SourcePriority}); for a source that delivers one observation per record (municipal push), all
     * that source's records combined (see {@link RecordSources}).
     */
    public Optional<Selection> choose(Collection<Observation> candidates) {
        Optional<Observation> best = candidates.stream().min(priority);
        if (best.isEmpty() || !recordSources.isRecordSource(best.get())) {
            return best.map(o -> new Selection(o, List.of(o.getSource())));
        }
        String source = best.get().getSource().getSource();
        List<Observation> records = candidates.stream().filter(o -> o.getSource().getSource().equals(source))
                .sorted(Comparator.comparing(Observation::getObservationId)).toList();
        return Optional.of(new Selection(RecordSources.combine(records), records.stream().map(Observation::getSource).toList()));
    }

    public KeyValue<IndicatorKey, IndicatorValue> observedRow(Selection s) {
        IndicatorValue row = IndicatorValue.newBuilder(observed(s.observation())).setProvenance(s.sources()).build();
        return row(suppressIfSmall(row, s.observation()));
    }

    /** Whether the observation comes from a source delivering one observation per record (municipal push). */
    public boolean isRecordSource(Observation o) {
        return recordSources.isRecordSource(o);
    }

    /**
     * Missing is not zero: without the numerators it needs (all of them, or at least one when the catalog says the
     * parts present are summed), or without a denominator or with a zero one, there is no row at all.
     *
     * @param numerators the selections of {@code d.numeratorIds()}, in that order, null where missing
     * @param denominator null when missing or when {@code d} has no denominator
     */
    public Optional<KeyValue<IndicatorKey, IndicatorValue>> derivedRow(DerivedIndicator d, List<Selection> numerators,
                                                                       Selection denominator) {
        List<Selection> present = numerators.stream().filter(java.util.Objects::nonNull).toList();
        if (present.isEmpty() || (d.requireAll() && present.size() < d.numeratorIds().size())) {
            return Optional.empty();
        }
        if (d.denominatorId() != null && (denominator == null || denominator.observation().getValue() == 0.0)) {
            return Optional.empty();
        }
        List<SourceRef> provenance = new ArrayList<>();
        List<Observation> inputs = new ArrayList<>();
        for (Selection s : present) {
            provenance.addAll(s.sources());
            inputs.add(s.observation());
        }
        if (denominator != null && d.denominatorId() != null) {
            provenance.addAll(denominator.sources());
            inputs.add(denominator.observation());
        }
        Observation denominatorObservation = d.denominatorId() == null ? null : denominator.observation();
        IndicatorValue row = IndicatorValue.newBuilder(derivedValue(d, present.stream().map(Selection::observation).toList(),
                        denominatorObservation)).setProvenance(provenance).build();
        return Optional.of(row(suppressIfSmall(row, inputs.toArray(Observation[]::new))));
    }

    /** Derived indicators that use the indicator as a numerator or the denominator. */
    public List<DerivedIndicator> derivedFrom(String indicatorId) {
        return derived.stream().filter(d -> d.uses(indicatorId)).toList();
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

    private static IndicatorValue derivedValue(DerivedIndicator d, List<Observation> numerators, Observation denominator) {
        Observation first = numerators.get(0);
        Instant asOf = first.getSource().getFetchedAt();
        double sum = 0.0;
        boolean harmonised = false;
        for (Observation n : numerators) {
            asOf = max(asOf, n.getSource().getFetchedAt());
            sum += n.getValue();
            harmonised |= n.getHarmonised();
        }
        IndicatorValue.Builder b = IndicatorValue.newBuilder()
                .setIndicatorId(d.id())
                .setMunicipalityCode(first.getMunicipalityCode())
                .setSphere(d.sphere())
                .setIngredient(d.ingredient())
                .setPeriod(first.getPeriod())
                .setValue(denominator == null ? sum * d.factor() : sum / denominator.getValue() * d.factor())
                .setUnit(d.unit())
                .setRawValue(sum)
                .setRawUnit(first.getUnit())
                .setHarmonised(harmonised)
                .setProvenance(numerators.stream().map(Observation::getSource).toList())
                .setDataAsOf(asOf);
        if (denominator != null) {
            b.setDenominatorIndicatorId(denominator.getIndicatorId())
                    .setDenominatorValue(denominator.getValue())
                    .setDenominatorReferenceDate(denominator.getReferenceDate())
                    .setHarmonised(harmonised || denominator.getHarmonised())
                    .setDataAsOf(max(asOf, denominator.getSource().getFetchedAt()));
        }
        return b.build();
    }

    private static KeyValue<IndicatorKey, IndicatorValue> row(IndicatorValue v) {
        return KeyValue.pair(new IndicatorKey(v.getMunicipalityCode(), v.getSphere(), v.getIndicatorId(), v.getPeriod()), v);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
