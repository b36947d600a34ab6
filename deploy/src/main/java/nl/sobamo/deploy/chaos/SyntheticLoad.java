package nl.sobamo.deploy.chaos;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import nl.sobamo.push.PushRecords;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.schemas.RawRecord;
import nl.sobamo.serde.AvroSerdes;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Synthetic municipal visitor counts as the file drop would deliver them: raw {@code visitors} records on the push
 * topic, for every municipality, ten years of quarters and as many facilities as the size needs. Record {@code i}
 * depends only on the seed and {@code i}, so any slice is reproducible on its own. About one in a thousand is bad on
 * purpose (an unreadable count, an unknown municipality) so dead letters are part of what is reconciled.
 */
public final class SyntheticLoad {

    static final int YEARS = 10;
    static final int FIRST_YEAR = 2015;
    private static final Instant DELIVERED = Instant.parse("2025-06-01T00:00:00Z");

    private final List<String> municipalities;
    private final long seed;

    public SyntheticLoad(List<String> municipalities, long seed) {
        this.municipalities = List.copyOf(municipalities);
        this.seed = seed;
    }

    public RawRecord record(int i) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        String municipality = municipalities.get(i % municipalities.size());
        int rest = i / municipalities.size();
        int quarter = rest % 4;
        int year = FIRST_YEAR + (rest / 4) % YEARS;
        int facility = rest / (4 * YEARS);
        LocalDate start = LocalDate.of(year, 1 + 3 * quarter, 1);
        LocalDate end = start.plusMonths(3).minusDays(1);
        String facilityId = "syn-" + facility;
        int visits = 50 + random.nextInt(5_000);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("municipalityCode", municipality);
        fields.put("facilityId", facilityId);
        fields.put("facilityType", random.nextBoolean() ? "buurthuis" : "inloop");
        fields.put("areaCode", municipality);
        fields.put("periodStart", start.toString());
        fields.put("periodEnd", end.toString());
        fields.put("visits", Integer.toString(visits));
        // at least 2, as the push contract requires of an aggregate count (person-level rule)
        fields.put("uniqueVisitors", Integer.toString(2 + random.nextInt(visits - 1)));
        String area = municipality;
        if (i % 997 == 13) {
            fields.put("visits", "veel");
        } else if (i % 1499 == 7) {
            area = "GM9999";
            fields.put("municipalityCode", area);
            fields.put("areaCode", area);
        }
        String logicalKey = facilityId + "/" + start + "/" + end;
        return RawRecord.newBuilder()
                .setRecordId(PushRecords.SOURCE + "/visitors/" + area + "/" + logicalKey)
                .setSource(PushRecords.SOURCE)
                .setDataset("visitors")
                .setPeriod(Integer.toString(year))
                .setAreaCode(area)
                .setFields(new LinkedHashMap<>(fields))
                .setFetchedAt(DELIVERED)
                .setUri("push-file:" + municipality + "/synthetic-visitors.csv")
                .setLocation("row " + i)
                .setContentHash(null)
                .setLicence(null)
                .build();
    }

    /** Publishes records {@code [from, to)} to the push topic, acks=all, idempotent, and waits for every ack. */
    public void publish(String bootstrapServers, String registryUrl, int from, int to) throws InterruptedException {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, RawRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                AvroSerdes.specific(RawRecord.class, Map.of(RegistryConfig.URL, registryUrl), false).serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = from; i < to; i++) {
                RawRecord r = record(i);
                sent.add(producer.send(new ProducerRecord<>(Topics.RAW_PUSH, r.getRecordId(), r)));
            }
            for (Future<RecordMetadata> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("synthetic record not acknowledged: " + e.getCause(), e.getCause());
                }
            }
        }
    }
}
