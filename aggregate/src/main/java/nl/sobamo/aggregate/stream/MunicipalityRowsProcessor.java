package nl.sobamo.aggregate.stream;

import java.util.ArrayList;
import java.util.List;
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
 */
final class MunicipalityRowsProcessor implements Processor<String, Observation, IndicatorKey, IndicatorValue> {

    static final String STORE = "municipality-observations";

    private final IndicatorCalculator calculator;
    private ProcessorContext<IndicatorKey, IndicatorValue> context;
    private ObservationStore store;

    MunicipalityRowsProcessor(IndicatorCalculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public void init(ProcessorContext<IndicatorKey, IndicatorValue> context) {
        this.context = context;
        this.store = ObservationStore.of(context, STORE);
    }

    @Override
    public void process(Record<String, Observation> record) {
        Observation o = record.value();
        String municipalityPeriod = o.getMunicipalityCode() + "|" + o.getPeriod(); // the record key is the municipality
        String key = municipalityPeriod + "|" + o.getIndicatorId() + "|" + o.getObservationId();
        if (!store.putIfChanged(key, o)) {
            return;
        }
        IndicatorCalculator.Selection chosen = chosen(municipalityPeriod, o.getIndicatorId());
        forward(calculator.observedRow(chosen), record.timestamp());
        for (DerivedIndicator d : calculator.derivedFrom(o.getIndicatorId())) {
            List<IndicatorCalculator.Selection> numerators = new ArrayList<>(d.numeratorIds().size());
            for (String numerator : d.numeratorIds()) {
                numerators.add(chosen(municipalityPeriod, numerator));
            }
            IndicatorCalculator.Selection denominator = d.denominatorId() == null ? null : chosen(municipalityPeriod, d.denominatorId());
            calculator.derivedRow(d, numerators, denominator).ifPresent(row -> forward(row, record.timestamp()));
        }
    }

    private IndicatorCalculator.Selection chosen(String municipalityPeriod, String indicatorId) {
        return calculator.choose(store.scan(municipalityPeriod + "|" + indicatorId + "|")).orElse(null);
    }

    private void forward(KeyValue<IndicatorKey, IndicatorValue> row, long timestamp) {
        context.forward(new Record<>(row.key, row.value, timestamp));
    }
}
