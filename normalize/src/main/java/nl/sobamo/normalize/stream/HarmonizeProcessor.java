package nl.sobamo.normalize.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.sobamo.normalize.area.AreaHarmonizer;
import nl.sobamo.normalize.area.Herindeling;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects the old-boundary parts of a successor municipality (keyed by {@link #groupKey}) in a state store and,
 * once every part the herindelingen reference expects is there, emits the successor's harmonised observation.
 * A re-sent part replaces its earlier version and re-emits the same observation identity, so replays overwrite.
 */
final class HarmonizeProcessor implements Processor<String, Observation, MunicipalitySphereKey, Observation> {

    static final String STORE = "harmonisation-parts";
    private static final char SEP = '|';

    private final AreaHarmonizer harmonizer;
    private final NormalizeMetrics metrics;
    private final Clock clock;
    private KeyValueStore<String, Observation> store;
    private ProcessorContext<MunicipalitySphereKey, Observation> context;

    HarmonizeProcessor(AreaHarmonizer harmonizer, NormalizeMetrics metrics, Clock clock) {
        this.harmonizer = harmonizer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** successor | boundary year | indicator | period | source | dataset: the parts that make one successor value. */
    static String groupKey(Herindeling row, int classificationYear, Observation part) {
        return String.join(String.valueOf(SEP), row.newCode(), Integer.toString(classificationYear), part.getIndicatorId(),
                part.getPeriod(), part.getSource().getSource(), part.getSource().getDataset());
    }

    @Override
    public void init(ProcessorContext<MunicipalitySphereKey, Observation> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Observation> record) {
        String group = record.key();
        Observation part = record.value();
        store.put(group + SEP + part.getMunicipalityCode(), part);
        metrics.harmonisationPart();
        String[] k = group.split("\\|", -1);
        String successor = k[0];
        int year = Integer.parseInt(k[1]);
        List<Observation> parts = new ArrayList<>();
        try (KeyValueIterator<String, Observation> it = store.prefixScan(group + SEP, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, Observation> kv = it.next();
                parts.add(kv.value);
            }
        }
        if (parts.size() < harmonizer.partsOf(successor, year).size()) {
            return; // wait for the other parts
        }
        Observation harmonised = harmonizer.combine(successor, year, parts, clock.instant());
        metrics.harmonised();
        context.forward(record.withKey(new MunicipalitySphereKey(successor, harmonised.getSphere())).withValue(harmonised));
    }
}
