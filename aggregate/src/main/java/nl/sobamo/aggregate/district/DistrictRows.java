package nl.sobamo.aggregate.district;

import java.util.List;
import nl.sobamo.schemas.DistrictKey;
import nl.sobamo.schemas.DistrictValue;
import nl.sobamo.schemas.Observation;
import org.apache.kafka.streams.KeyValue;

/** The district-table row of one district- or neighbourhood-level observation. Pure. */
public final class DistrictRows {

    private DistrictRows() {
    }

    public static KeyValue<DistrictKey, DistrictValue> row(Observation o) {
        DistrictValue value = DistrictValue.newBuilder()
                .setAreaCode(o.getAreaCode())
                .setAreaLevel(ObservationHome.areaLevel(o.getAreaCode()))
                .setMunicipalityCode(o.getMunicipalityCode())
                .setIndicatorId(o.getIndicatorId())
                .setSphere(o.getSphere())
                .setIngredient(o.getIngredient())
                .setPeriod(o.getPeriod())
                .setValue(o.getValue())
                .setUnit(o.getUnit())
                .setLowerBound(o.getLowerBound())
                .setUpperBound(o.getUpperBound())
                .setReferenceDate(o.getReferenceDate())
                .setHarmonised(o.getHarmonised())
                .setProvenance(List.of(o.getSource()))
                .setDataAsOf(o.getSource().getFetchedAt())
                .build();
        return KeyValue.pair(new DistrictKey(o.getAreaCode(), o.getIndicatorId(), o.getPeriod()), value);
    }
}
