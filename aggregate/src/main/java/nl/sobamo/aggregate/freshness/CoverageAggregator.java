package nl.sobamo.aggregate.freshness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.sobamo.schemas.Observation;
import nl.sobamo.schemas.SourceFreshness;
import nl.sobamo.schemas.state.SourceCoverageState;

/** Freshness (latest fetch and ingest time) and coverage (municipalities per period) of one source dataset. */
public final class CoverageAggregator {

    private CoverageAggregator() {
    }

    public static String key(Observation o) {
        return o.getSource().getSource() + "/" + o.getSource().getDataset();
    }

    public static SourceCoverageState empty() {
        return new SourceCoverageState("", "", 0L, 0L, new HashMap<>(), new ArrayList<>());
    }

    public static SourceCoverageState add(Observation o, SourceCoverageState state) {
        Map<String, List<String>> byPeriod = new HashMap<>(state.getMunicipalitiesByPeriod());
        List<String> municipalities = byPeriod.get(o.getPeriod());
        int at = municipalities == null ? -1 : Collections.binarySearch(municipalities, o.getMunicipalityCode());
        if (municipalities == null || at < 0) {
            List<String> next = municipalities == null ? new ArrayList<>() : new ArrayList<>(municipalities);
            next.add(municipalities == null ? 0 : -at - 1, o.getMunicipalityCode());
            byPeriod.put(o.getPeriod(), next);
        }
        List<String> indicators = state.getIndicators();
        int i = Collections.binarySearch(indicators, o.getIndicatorId());
        if (i < 0) {
            indicators = new ArrayList<>(indicators);
            indicators.add(-i - 1, o.getIndicatorId());
        }
        return new SourceCoverageState(o.getSource().getSource(), o.getSource().getDataset(),
                Math.max(state.getLastFetchedAt(), o.getSource().getFetchedAt().toEpochMilli()),
                Math.max(state.getLastIngestedAt(), o.getIngestedAt().toEpochMilli()), byPeriod, indicators);
    }

    public static SourceFreshness toFreshness(SourceCoverageState state) {
        Set<String> all = new HashSet<>();
        Map<String, Integer> perPeriod = new TreeMap<>();
        state.getMunicipalitiesByPeriod().forEach((period, codes) -> {
            all.addAll(codes);
            perPeriod.put(period, codes.size());
        });
        return SourceFreshness.newBuilder()
                .setSource(state.getSource())
                .setDataset(state.getDataset())
                .setLastFetchedAt(Instant.ofEpochMilli(state.getLastFetchedAt()))
                .setLastIngestedAt(Instant.ofEpochMilli(state.getLastIngestedAt()))
                .setMunicipalitiesCovered(all.size())
                .setMunicipalitiesByPeriod(perPeriod)
                .setIndicators(List.copyOf(state.getIndicators()))
                .build();
    }
}
