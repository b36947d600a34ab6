package nl.sobamo.aggregate.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import nl.sobamo.aggregate.indicator.DerivedIndicator;
import nl.sobamo.aggregate.position.MemoryBudget;
import nl.sobamo.aggregate.reference.PeerGroups;
import nl.sobamo.catalog.DefinitionBreak;
import nl.sobamo.catalog.IndicatorCatalog;
import nl.sobamo.config.Settings;
import nl.sobamo.reference.MunicipalityDirectory;

/**
 * Typed configuration of the aggregate topology.
 *
 * @param nationalGroupSize      municipalities in the country when the area reference is still empty
 * @param peerGroupType          the group type a municipality's peer position refers to (one of {@link PeerGroups#TYPES})
 * @param smallCellThreshold     pushed counts below this are suppressed (value null, reason SMALL_CELL); 0 disables
 * @param smallCellSources       sources whose COUNT observations are protected (municipal push)
 * @param positionInterval       how often the positions step recomputes the indicator-periods that changed
 * @param positionBudget         time one such run may take while input is still flowing (the rest waits for the next)
 * @param norms                  minimum norms by indicator id
 * @param breaks                 known definition breaks between periods (catalog {@code definitionBreaks})
 * @param derived                derived indicators (catalog normalisations and spending groups)
 * @param sourcePriority         which source wins when several give the same indicator (catalog {@code sourcePriority})
 * @param recordSources          sources delivering one observation per record (catalog mappings with identity RECORD)
 * @param districtWeighted       indicators whose municipality value is the inhabitant-weighted mean of its districts
 *                               (catalog {@code fromDistricts}: Leefbaarometer)
 * @param positionCacheEntries   rows and positions the positions step of one app instance keeps in memory (a speed-up
 *                               over its stores; least recently used indicator-periods are dropped over it)
 * @param catchUp                when the positions step counts as catching up (a load or a replay) and how long its
 *                               positions may then wait
 */
public record AggregateConfig(int nationalGroupSize, String peerGroupType, int smallCellThreshold,
                              Set<String> smallCellSources, Duration positionInterval, Duration positionBudget, Map<String, Norm> norms,
                              List<DefinitionBreak> breaks, List<DerivedIndicator> derived, List<String> sourcePriority,
                              Set<String> recordSources, Set<String> districtWeighted, long positionCacheEntries,
                              CatchUp catchUp) {

    /** Today's municipalities, from the one municipality list (schemas' reference). */
    public static final int DEFAULT_NATIONAL_GROUP_SIZE = MunicipalityDirectory.loadDefault().codes().size();

    public AggregateConfig {
        if (!PeerGroups.TYPES.contains(peerGroupType) || PeerGroups.NATIONAL.equals(peerGroupType)) {
            throw new IllegalArgumentException("peer group type must be one of " + PeerGroups.TYPES.subList(1, PeerGroups.TYPES.size())
                    + ", was '" + peerGroupType + "'");
        }
        if (smallCellThreshold < 0) {
            throw new IllegalArgumentException("small-cell threshold must be >= 0, was " + smallCellThreshold);
        }
        if (positionInterval.isNegative() || positionInterval.isZero()) {
            throw new IllegalArgumentException("position interval must be positive, was " + positionInterval);
        }
        if (positionBudget.isNegative() || positionBudget.isZero()) {
            throw new IllegalArgumentException("position budget must be positive, was " + positionBudget);
        }
        if (positionCacheEntries < 0) {
            throw new IllegalArgumentException("position cache entries must be >= 0, was " + positionCacheEntries);
        }
        Objects.requireNonNull(catchUp, "catchUp");
        smallCellSources = Set.copyOf(smallCellSources);
        norms = Map.copyOf(norms);
        breaks = List.copyOf(breaks);
        derived = List.copyOf(derived);
        sourcePriority = List.copyOf(sourcePriority);
        recordSources = Set.copyOf(recordSources);
        districtWeighted = Set.copyOf(districtWeighted);
    }

    /** A single change is published at the next run: this bounds its wait (docs/performance.md). */
    public static final Duration DEFAULT_POSITION_INTERVAL = Duration.ofMillis(100);
    /** Per run while input flows: about a third of the stream thread at the default interval. */
    public static final Duration DEFAULT_POSITION_BUDGET = Duration.ofMillis(50);

    /** Defaults, with derived indicators, breaks, source priority and record sources from the bundled catalog. */
    public static AggregateConfig defaults() {
        return defaults(IndicatorCatalog.loadDefault());
    }

    public static AggregateConfig defaults(IndicatorCatalog catalog) {
        return new AggregateConfig(DEFAULT_NATIONAL_GROUP_SIZE, PeerGroups.SIZE_CLASS, 10, Set.of("push"),
                DEFAULT_POSITION_INTERVAL, DEFAULT_POSITION_BUDGET, Map.of(), catalog.breaks(), DerivedIndicator.fromCatalog(catalog),
                catalog.sourcePriority(), catalog.recordSources(), catalog.districtWeighted(),
                MemoryBudget.defaultEntries(Runtime.getRuntime().maxMemory()), CatchUp.DEFAULTS);
    }

    /** {@code sobamo.aggregate.*} settings; see the README configuration table. */
    public static AggregateConfig from(Settings s) {
        AggregateConfig d = defaults();
        return new AggregateConfig(
                s.integer("sobamo.aggregate.national-group-size", d.nationalGroupSize()),
                s.string("sobamo.aggregate.peer-group", d.peerGroupType()),
                s.integer("sobamo.aggregate.small-cell-threshold", d.smallCellThreshold()),
                Set.of(s.string("sobamo.aggregate.small-cell-sources", "push").split("\\s*,\\s*")),
                s.duration("sobamo.aggregate.position-interval", d.positionInterval()),
                s.duration("sobamo.aggregate.position-budget", d.positionBudget()),
                Norm.parseAll(s.string("sobamo.aggregate.norms", "")),
                d.breaks(), d.derived(), d.sourcePriority(), d.recordSources(), d.districtWeighted(),
                s.longValue("sobamo.aggregate.position-cache-entries", d.positionCacheEntries()),
                new CatchUp(s.duration("sobamo.aggregate.catch-up-lag", d.catchUp().lag()),
                        s.duration("sobamo.aggregate.catch-up-max-delay", d.catchUp().maxDelay())));
    }

    public AggregateConfig withNorms(Map<String, Norm> n) {
        return new AggregateConfig(nationalGroupSize, peerGroupType, smallCellThreshold, smallCellSources, positionInterval,
                positionBudget, n, breaks, derived, sourcePriority, recordSources, districtWeighted, positionCacheEntries, catchUp);
    }

    public AggregateConfig withDerived(List<DerivedIndicator> d) {
        return new AggregateConfig(nationalGroupSize, peerGroupType, smallCellThreshold, smallCellSources, positionInterval,
                positionBudget, norms, breaks, d, sourcePriority, recordSources, districtWeighted, positionCacheEntries, catchUp);
    }

    public AggregateConfig withPositionInterval(Duration interval) {
        return new AggregateConfig(nationalGroupSize, peerGroupType, smallCellThreshold, smallCellSources, interval,
                positionBudget, norms, breaks, derived, sourcePriority, recordSources, districtWeighted, positionCacheEntries, catchUp);
    }

    public AggregateConfig withPositionCacheEntries(long entries) {
        return new AggregateConfig(nationalGroupSize, peerGroupType, smallCellThreshold, smallCellSources, positionInterval,
                positionBudget, norms, breaks, derived, sourcePriority, recordSources, districtWeighted, entries, catchUp);
    }

    public AggregateConfig withCatchUp(CatchUp c) {
        return new AggregateConfig(nationalGroupSize, peerGroupType, smallCellThreshold, smallCellSources, positionInterval,
                positionBudget, norms, breaks, derived, sourcePriority, recordSources, districtWeighted, positionCacheEntries, c);
    }

    public AggregateConfig withPositionBudget(Duration budget) {
        return new AggregateConfig(nationalGroupSize, peerGroupType, smallCellThreshold, smallCellSources, positionInterval,
                budget, norms, breaks, derived, sourcePriority, recordSources, districtWeighted, positionCacheEntries, catchUp);
    }
}
