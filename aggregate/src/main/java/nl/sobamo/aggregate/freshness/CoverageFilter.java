package nl.sobamo.aggregate.freshness;

import java.time.Duration;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets an observation through to the per-dataset coverage aggregate only when it can change the answer: a new
 * (dataset, period, municipality) or (dataset, indicator), a newer fetch time, or an ingest time more than
 * {@link #INGEST_RESOLUTION} after the last one passed on. Without it every observation of a national load would
 * rewrite the dataset's coverage state (hundreds of municipality codes per period) on one hot key.
 * Runs before the repartition, on the observation partitions, so it is a filter only: the aggregate stays exact.
 */
public final class CoverageFilter implements Processor<MunicipalitySphereKey, Observation, MunicipalitySphereKey, Observation> {

    public static final String STORE = "source-coverage-seen";
    /** lastIngestedAt is reported with this resolution; fetch times and coverage are exact. */
    public static final Duration INGEST_RESOLUTION = Duration.ofMinutes(1);

    private ProcessorContext<MunicipalitySphereKey, Observation> context;
    private KeyValueStore<String, Long> seen;

    @Override
    public void init(ProcessorContext<MunicipalitySphereKey, Observation> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<MunicipalitySphereKey, Observation> record) {
        Observation o = record.value();
        String dataset = CoverageAggregator.key(o);
        long fetched = o.getSource().getFetchedAt().toEpochMilli();
        long ingested = o.getIngestedAt().toEpochMilli();
        boolean pass = newer(dataset + "|m|" + o.getPeriod() + "|" + o.getMunicipalityCode(), fetched, 0)
                | newer(dataset + "|i|" + o.getIndicatorId(), fetched, 0)
                | newer(dataset + "|ingested", ingested, INGEST_RESOLUTION.toMillis());
        if (pass) {
            context.forward(record);
        }
    }

    private boolean newer(String key, long value, long resolution) {
        Long last = seen.get(key);
        if (last == null || value > last + resolution) {
            seen.put(key, value);
            return true;
        }
        return false;
    }
}
