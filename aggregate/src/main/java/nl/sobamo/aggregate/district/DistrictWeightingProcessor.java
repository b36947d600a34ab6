package nl.sobamo.aggregate.district;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.sobamo.aggregate.state.ObservationStore;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Per municipality (the partition key): keeps the district values of the district-weighted indicators
 * ({@code municipality|V|indicator|period|area|observationId}) and the district inhabitants used as weights
 * ({@code municipality|W|period|area|observationId}); a new value recomputes its indicator-period, a new weight every
 * indicator-period of the municipality (see {@link DistrictWeighting}). An identical replayed observation produces
 * nothing.
 */
public final class DistrictWeightingProcessor implements Processor<String, Observation, IndicatorKey, IndicatorValue> {

    public static final String STORE = "district-observations";

    private final Set<String> weighted;
    private final Comparator<Observation> priority;
    private ProcessorContext<IndicatorKey, IndicatorValue> context;
    private ObservationStore store;

    public DistrictWeightingProcessor(Set<String> weighted, Comparator<Observation> priority) {
        this.weighted = Set.copyOf(weighted);
        this.priority = priority;
    }

    /** Whether a district-level observation is a weighted indicator's value or a weight. */
    public static boolean isInput(Observation o, Set<String> weighted) {
        return weighted.contains(o.getIndicatorId()) || DistrictWeighting.WEIGHT_INDICATOR.equals(o.getIndicatorId());
    }

    @Override
    public void init(ProcessorContext<IndicatorKey, IndicatorValue> context) {
        this.context = context;
        this.store = ObservationStore.of(context, STORE);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        String municipality = record.key();
        boolean isWeight = !weighted.contains(o.getIndicatorId());
        String key = isWeight
                ? municipality + "|W|" + o.getPeriod() + "|" + o.getAreaCode() + "|" + o.getObservationId()
                : municipality + "|V|" + o.getIndicatorId() + "|" + o.getPeriod() + "|" + o.getAreaCode() + "|" + o.getObservationId();
        if (!store.putIfChanged(key, o)) {
            return;
        }
        Set<String> indicatorPeriods = new TreeSet<>();
        if (isWeight) {
            store.scan(municipality + "|V|").forEach(v -> indicatorPeriods.add(v.getIndicatorId() + "|" + v.getPeriod()));
        } else {
            indicatorPeriods.add(o.getIndicatorId() + "|" + o.getPeriod());
        }
        if (indicatorPeriods.isEmpty()) {
            return;
        }
        Map<String, Map<String, Observation>> weights = weights(municipality);
        for (String indicatorPeriod : indicatorPeriods) {
            List<Observation> values = new ArrayList<>(
                    DistrictWeighting.byDistrict(store.scan(municipality + "|V|" + indicatorPeriod + "|"), priority).values());
            DistrictWeighting.compute(values, weights).ifPresent(row -> forward(row, record.timestamp()));
        }
    }

    private Map<String, Map<String, Observation>> weights(String municipality) {
        Map<String, List<Observation>> byPeriod = new TreeMap<>();
        store.scan(municipality + "|W|").forEach(w -> byPeriod.computeIfAbsent(w.getPeriod(), p -> new ArrayList<>()).add(w));
        Map<String, Map<String, Observation>> result = new TreeMap<>();
        byPeriod.forEach((period, list) -> result.put(period, DistrictWeighting.byDistrict(list, priority)));
        return result;
    }

    private void forward(KeyValue<IndicatorKey, IndicatorValue> row, long timestamp) {
        context.forward(new Record<>(row.key, row.value, timestamp));
    }
}
