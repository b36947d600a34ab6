package nl.sobamo.aggregate.stream;

import java.util.Map;
import nl.sobamo.registry.RegistryConfig;
import nl.sobamo.schemas.AreaReference;
import nl.sobamo.schemas.BenchmarkKey;
import nl.sobamo.schemas.BenchmarkRow;
import nl.sobamo.schemas.DistrictKey;
import nl.sobamo.schemas.DistrictValue;
import nl.sobamo.schemas.IndicatorChange;
import nl.sobamo.schemas.IndicatorKey;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorReference;
import nl.sobamo.schemas.IndicatorValue;
import nl.sobamo.schemas.MunicipalitySphereKey;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceFreshness;
import nl.sobamo.schemas.state.SourceCoverageState;
import nl.sobamo.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;

/** Every serde of the aggregate topology, all in the registry wire format (state changelogs included). */
public record AggregateSerdes(
        Serde<MunicipalitySphereKey> observationKey,
        Serde<Observation> observation,
        Serde<IndicatorKey> indicatorKey,
        Serde<IndicatorValue> indicatorValue,
        Serde<BenchmarkKey> benchmarkKey,
        Serde<BenchmarkRow> benchmarkRow,
        Serde<AreaReference> areaReference,
        Serde<IndicatorChange> indicatorChange,
        Serde<SourceCoverageState> coverageState,
        Serde<SourceFreshness> freshness,
        Serde<DistrictKey> districtKey,
        Serde<DistrictValue> districtValue,
        Serde<IndicatorReference> indicatorReference,
        Serde<IndicatorPosition> indicatorPosition) {

    public static AggregateSerdes forRegistry(String registryUrl) {
        Map<String, Object> config = Map.of(RegistryConfig.URL, registryUrl);
        return new AggregateSerdes(
                AvroSerdes.specific(MunicipalitySphereKey.class, config, true),
                AvroSerdes.specific(Observation.class, config, false),
                AvroSerdes.specific(IndicatorKey.class, config, true),
                AvroSerdes.specific(IndicatorValue.class, config, false),
                AvroSerdes.specific(BenchmarkKey.class, config, true),
                AvroSerdes.specific(BenchmarkRow.class, config, false),
                AvroSerdes.specific(AreaReference.class, config, false),
                AvroSerdes.specific(IndicatorChange.class, config, false),
                AvroSerdes.specific(SourceCoverageState.class, config, false),
                AvroSerdes.specific(SourceFreshness.class, config, false),
                AvroSerdes.specific(DistrictKey.class, config, true),
                AvroSerdes.specific(DistrictValue.class, config, false),
                AvroSerdes.specific(IndicatorReference.class, config, false),
                AvroSerdes.specific(IndicatorPosition.class, config, false));
    }
}
