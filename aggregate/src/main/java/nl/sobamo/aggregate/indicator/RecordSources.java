package nl.sobamo.aggregate.indicator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import nl.sobamo.schemas.Observation;

/**
 * Sources that deliver one observation per delivered record rather than one per area (catalog identity
 * {@code RECORD}): a municipal push holds one facility, organisation or period, at any area level inside the
 * municipality. The municipality's value is the sum of its records for additive units (counts, euros, hours,
 * FTE, m²) and their unweighted mean for rates and scores (the respondents behind each share are not on the
 * observation). Summing unique visitors over several quarters of a year over-counts people who came back; the
 * push guide asks municipalities to deliver unique visitors per year for that reason.
 */
public final class RecordSources {

    static final Set<String> SOURCES = Set.of("push");
    private static final Set<String> ADDITIVE_UNITS = Set.of("COUNT", "EUR", "HOURS", "FTE", "M2");

    private RecordSources() {
    }

    public static boolean isRecordSource(Observation o) {
        return SOURCES.contains(o.getSource().getSource());
    }

    /** The municipality's value from all its records of one indicator and period (ordered by observation id). */
    static Observation combine(List<Observation> records) {
        Observation latest = records.stream().max(Comparator.comparing(o -> o.getSource().getFetchedAt())).orElseThrow();
        double sum = records.stream().mapToDouble(Observation::getValue).sum();
        double value = ADDITIVE_UNITS.contains(latest.getUnit()) ? sum : sum / records.size();
        boolean anyEstimated = records.stream().anyMatch(o -> Boolean.TRUE.equals(o.getEstimated()));
        return Observation.newBuilder(latest)
                .setObservationId(latest.getIndicatorId() + "|" + latest.getMunicipalityCode() + "|" + latest.getPeriod()
                        + "|" + records.size() + " records")
                .setAreaCode(latest.getMunicipalityCode())
                .setValue(value)
                .setLowerBound(null)
                .setUpperBound(null)
                .setSourceValue(null)
                .setEstimated(anyEstimated ? Boolean.TRUE : latest.getEstimated())
                .build();
    }
}
