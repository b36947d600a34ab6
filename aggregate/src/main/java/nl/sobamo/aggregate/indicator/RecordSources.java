package nl.sobamo.aggregate.indicator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import nl.sobamo.catalog.Unit;
import nl.sobamo.schemas.Observation;

/**
 * Sources that deliver one observation per delivered record rather than one per area (catalog identity
 * {@code RECORD}, see {@code IndicatorCatalog.recordSources()}): a municipal push holds one facility, organisation
 * or period, at any area level inside the municipality. The municipality's value is the sum of its records for
 * additive units ({@link Unit#additive()}: counts, euros, hours, FTE, m²) and their unweighted mean for rates and
 * scores (the respondents behind each share are not on the observation). Summing unique visitors over several
 * quarters of a year over-counts people who came back; the push guide asks municipalities to deliver unique
 * visitors per year for that reason.
 */
public final class RecordSources {

    private final Set<String> sources;

    public RecordSources(Set<String> sources) {
        this.sources = Set.copyOf(sources);
    }

    public boolean isRecordSource(Observation o) {
        return sources.contains(o.getSource().getSource());
    }

    /** The municipality's value from all its records of one indicator and period (ordered by observation id). */
    static Observation combine(List<Observation> records) {
        Observation latest = records.stream().max(Comparator.comparing(o -> o.getSource().getFetchedAt())).orElseThrow();
        double sum = records.stream().mapToDouble(Observation::getValue).sum();
        boolean additive = Unit.of(latest.getUnit()).map(Unit::additive).orElse(false);
        double value = additive ? sum : sum / records.size();
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
