package nl.sobamo.aggregate.district;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import nl.sobamo.catalog.IndicatorDefinition;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceRef;
import org.apache.kafka.streams.KeyValue;

/**
 * The municipality value of an indicator a source delivers per district only (Leefbaarometer): the mean of its
 * districts' values weighted by their inhabitants. Pure and deterministic.
 *
 * <ul>
 *   <li>Weights: {@value #WEIGHT_INDICATOR} of each district on 1 January, of the period's own year when district
 *       inhabitants exist for it, else of the nearest year that has them (the later one on a tie); the row then
 *       says so in {@code weighting} and {@code denominatorReferenceDate}.</li>
 *   <li>Districts without a weight (a code that no longer exists in the weights' year, or 0 inhabitants) are left
 *       out and named in {@code weighting}; without any weighted district there is no row (missing, not zero).</li>
 *   <li>Provenance: every district value and every weight used.</li>
 * </ul>
 */
public final class DistrictWeighting {

    public static final String WEIGHT_INDICATOR = "population.inhabitants";

    private DistrictWeighting() {
    }

    /**
     * @param values  the indicator's district observations of one municipality and period, one per district
     * @param weights district inhabitants of the municipality by period, then by district code
     */
    public static Optional<KeyValue<IndicatorKey, IndicatorValue>> compute(List<Observation> values,
                                                                           Map<String, Map<String, Observation>> weights) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        Observation first = values.get(0);
        Optional<String> weightPeriod = nearestPeriod(first.getPeriod(), weights.keySet());
        if (weightPeriod.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Observation> w = weights.get(weightPeriod.get());
        List<Observation> sorted = values.stream().sorted(Comparator.comparing(Observation::getAreaCode)).toList();
        double weightedSum = 0.0;
        double weightTotal = 0.0;
        List<String> used = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<SourceRef> provenance = new ArrayList<>();
        Instant asOf = Instant.EPOCH;
        boolean harmonised = false;
        String referenceDate = null;
        for (Observation v : sorted) {
            Observation weight = w.get(v.getAreaCode());
            if (weight == null || weight.getValue() <= 0.0) {
                leftOut.add(v.getAreaCode());
                continue;
            }
            weightedSum += weight.getValue() * v.getValue();
            weightTotal += weight.getValue();
            used.add(v.getAreaCode());
            provenance.add(v.getSource());
            provenance.add(weight.getSource());
            asOf = max(asOf, max(v.getSource().getFetchedAt(), weight.getSource().getFetchedAt()));
            harmonised |= v.getHarmonised() || weight.getHarmonised();
            referenceDate = weight.getReferenceDate();
        }
        if (used.isEmpty()) {
            return Optional.empty();
        }
        String weighting = String.format(Locale.ROOT, "%s of %d district(s) (%s), weights %s of the districts on %s (%s)%s%s",
                IndicatorDefinition.POPULATION_WEIGHTED_MEAN, used.size(), String.join(", ", used), WEIGHT_INDICATOR,
                referenceDate == null ? weightPeriod.get() : referenceDate, weightSources(w, used),
                weightPeriod.get().equals(first.getPeriod()) ? ""
                        : "; weights of " + weightPeriod.get() + ", not of " + first.getPeriod()
                        + ": the nearest year with district inhabitants",
                leftOut.isEmpty() ? "" : "; left out without inhabitants in the weights' year: " + String.join(", ", leftOut));
        IndicatorValue row = IndicatorValue.newBuilder()
                .setIndicatorId(first.getIndicatorId())
                .setMunicipalityCode(first.getMunicipalityCode())
                .setSphere(first.getSphere())
                .setIngredient(first.getIngredient())
                .setPeriod(first.getPeriod())
                .setValue(weightedSum / weightTotal)
                .setUnit(first.getUnit())
                .setRawValue(weightedSum / weightTotal)
                .setRawUnit(first.getUnit())
                .setDenominatorIndicatorId(WEIGHT_INDICATOR)
                .setDenominatorValue(weightTotal)
                .setDenominatorReferenceDate(referenceDate)
                .setHarmonised(harmonised)
                .setProvenance(provenance)
                .setDataAsOf(asOf)
                .setWeighting(weighting)
                .build();
        return Optional.of(KeyValue.pair(new IndicatorKey(row.getMunicipalityCode(), row.getSphere(), row.getIndicatorId(),
                row.getPeriod()), row));
    }

    /** The period of {@code available} nearest to {@code period} by year (the later one on a tie). */
    static Optional<String> nearestPeriod(String period, java.util.Collection<String> available) {
        Integer year = year(period);
        if (available.contains(period)) {
            return Optional.of(period);
        }
        if (year == null) {
            return Optional.empty();
        }
        return available.stream().filter(p -> year(p) != null)
                .min(Comparator.<String>comparingInt(p -> Math.abs(year(p) - year)).thenComparing(Comparator.reverseOrder()));
    }

    private static String weightSources(Map<String, Observation> weights, List<String> used) {
        return used.stream().map(weights::get).map(o -> o.getSource().getSource() + " " + o.getSource().getDataset())
                .collect(Collectors.toCollection(java.util.TreeSet::new)).stream().collect(Collectors.joining(", "));
    }

    private static Integer year(String period) {
        try {
            return period != null && period.length() >= 4 ? Integer.parseInt(period.substring(0, 4)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Groups district observations by district code, keeping per district the one {@code choose} prefers. */
    static Map<String, Observation> byDistrict(List<Observation> observations, Comparator<Observation> priority) {
        Map<String, Observation> result = new TreeMap<>();
        for (Observation o : observations) {
            result.merge(o.getAreaCode(), o, (a, b) -> priority.compare(a, b) <= 0 ? a : b);
        }
        return result;
    }
}
