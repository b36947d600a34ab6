package nl.sobamo.aggregate.position;

import java.util.Objects;
import nl.sobamo.schemas.IndicatorPosition;
import nl.sobamo.schemas.IndicatorValue;

/**
 * The indicator row with its position, as the query API and the exports show it (the shape rows had when positions
 * travelled on {@code sobamo.tables.indicators.v1}). Since positions have their own topic
 * (docs/decisions/0011-positions-topic.md) the row and its position are stored and published apart and joined here,
 * by key, on read.
 */
public final class Positions {

    private Positions() {
    }

    /**
     * {@code row} with the position fields of {@code position}; without positions when there is none or when it was
     * computed for another value (the row changed and its indicator-period is not recomputed yet): a position is only
     * shown next to the value that was ranked.
     */
    public static IndicatorValue positioned(IndicatorValue row, IndicatorPosition position) {
        IndicatorValue.Builder b = IndicatorValue.newBuilder(row)
                .setPercentileRankNational(null).setQuartileNational(null).setNationalMedian(null)
                .setDistanceToNationalMedian(null).setPeerGroupType(null).setPeerGroupValue(null)
                .setPercentileRankPeer(null).setPeerMedian(null).setMeetsNorm(null);
        if (position != null && Objects.equals(row.getValue(), position.getValue())) {
            b.setPercentileRankNational(position.getPercentileRankNational())
                    .setQuartileNational(position.getQuartileNational())
                    .setNationalMedian(position.getNationalMedian())
                    .setDistanceToNationalMedian(position.getDistanceToNationalMedian())
                    .setPeerGroupType(position.getPeerGroupType())
                    .setPeerGroupValue(position.getPeerGroupValue())
                    .setPercentileRankPeer(position.getPercentileRankPeer())
                    .setPeerMedian(position.getPeerMedian())
                    .setMeetsNorm(position.getMeetsNorm());
        }
        return b.build();
    }
}
