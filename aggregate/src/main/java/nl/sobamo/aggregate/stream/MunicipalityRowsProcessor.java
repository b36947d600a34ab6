package nl.sobamo.aggregate.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.sobamo.aggregate.indicator.DerivedIndicator;
import nl.sobamo.aggregate.indicator.IndicatorCalculator;
import nl.sobamo.aggregate.state.ObservationStore;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Per municipality (the partition key) and period: keeps the latest observation per observation id under
 * {@code municipality|period|indicator|observationId} and, for each new or changed observation, recomputes only
 * the rows it feeds: its own indicator (the source-priority choice among that indicator's observations) and the
 * derived indicators it is numerator or denominator of. Cost per observation is constant, whatever the number of
 * indicators a municipality has; an identical replayed observation produces nothing.
 *
 * <p>The store is the truth (changelogged, restored); the processor keeps the deserialised observations of the
 * indicator-periods it touched last in a bounded in-memory map in front of it. Without it every observation cost a
 * store get, a put and a prefix scan per input row it feeds, each deserialising observations the processor had just
 * written (a third of the stream thread in the profile, docs/performance.md). Only this processor writes the store,
 * so the map cannot go stale; it is rebuilt from the store after {@link #init} (a task is re-initialised after a
 * restore or an aborted transaction).
 */
final class MunicipalityRowsProcessor implements Processor<String, Observation, IndicatorKey, IndicatorValue> {

    static final String STORE = "municipality-observations";
    /**
     * Indicator-periods held in memory per task. Observations of one municipality tend to come together (a source's
     * table, a push), and a municipality-period has at most a few hundred indicators: this covers the working set
     * with a few MB per task.
     */
    static final int RECENT_INDICATOR_PERIODS = 4_096;

    private final IndicatorCalculator calculator;
    private final Map<String, List<DerivedIndicator>> derivedFrom = new HashMap<>();
    private final Map<String, TreeMap<String, Observation>> recent;
    private ProcessorContext<IndicatorKey, IndicatorValue> context;
    private ObservationStore store;

    MunicipalityRowsProcessor(IndicatorCalculator calculator) {
        this(calculator, RECENT_INDICATOR_PERIODS);
    }

    /** {@code capacity}: indicator-periods held in memory (tests use a tiny one to exercise reloads). */
    MunicipalityRowsProcessor(IndicatorCalculator calculator, int capacity) {
        this.calculator = calculator;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TreeMap<String, Observation>> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public void init(ProcessorContext<IndicatorKey, IndicatorValue> context) {
        this.context = context;
        this.store = ObservationStore.of(context, STORE);
        recent.clear();
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        String municipalityPeriod = o.getMunicipalityCode() + "|" + o.getPeriod(); // the record key is the municipality
        TreeMap<String, Observation> own = observations(municipalityPeriod, o.getIndicatorId());
        if (o.equals(own.get(o.getObservationId()))) {
            return;
        }
        store.put(municipalityPeriod + "|" + o.getIndicatorId() + "|" + o.getObservationId(), o);
        own.put(o.getObservationId(), o);
        // one choice per indicator and observation: an indicator can be numerator of one derived row and denominator
        // of the next
        Map<String, IndicatorCalculator.Selection> chosen = new HashMap<>();
        forward(calculator.observedRow(chosen(municipalityPeriod, o.getIndicatorId(), chosen)), record.timestamp());
        for (DerivedIndicator d : derivedFrom.computeIfAbsent(o.getIndicatorId(), calculator::derivedFrom)) {
            List<IndicatorCalculator.Selection> numerators = new ArrayList<>(d.numeratorIds().size());
            for (String numerator : d.numeratorIds()) {
                numerators.add(chosen(municipalityPeriod, numerator, chosen));
            }
            IndicatorCalculator.Selection denominator = d.denominatorId() == null ? null
                    : chosen(municipalityPeriod, d.denominatorId(), chosen);
            calculator.derivedRow(d, numerators, denominator).ifPresent(row -> forward(row, record.timestamp()));
        }
    }

    private IndicatorCalculator.Selection chosen(String municipalityPeriod, String indicatorId,
                                                 Map<String, IndicatorCalculator.Selection> chosen) {
        if (chosen.containsKey(indicatorId)) {
            return chosen.get(indicatorId);
        }
        IndicatorCalculator.Selection s = calculator.choose(observations(municipalityPeriod, indicatorId).values()).orElse(null);
        chosen.put(indicatorId, s);
        return s;
    }

    /**
     * The indicator-period's observations by observation id, from memory or else from the store. Key order is the
     * store's (ids are ASCII), so a choice sees the candidates in the same order either way.
     */
    private TreeMap<String, Observation> observations(String municipalityPeriod, String indicatorId) {
        String prefix = municipalityPeriod + "|" + indicatorId + "|";
        TreeMap<String, Observation> byId = recent.get(prefix);
        if (byId == null) {
            byId = new TreeMap<>();
            for (KeyValue<String, Observation> kv : store.scanEntries(prefix)) {
                byId.put(kv.key.substring(prefix.length()), kv.value);
            }
            recent.put(prefix, byId);
        }
        return byId;
    }

    private void forward(KeyValue<IndicatorKey, IndicatorValue> row, long timestamp) {
        context.forward(new Record<>(row.key, row.value, timestamp));
    }
}
