package nl.sobamo.aggregate.indicator;

import java.util.Comparator;
import java.util.List;
import nl.sobamo.schemas.Observation;

/**
 * When several sources give the same indicator for the same municipality and period (inhabitants from CBS
 * Kerncijfers and from the Iv3 file), the table shows one: the most authoritative source (the catalog's
 * {@code sourcePriority}), then the lowest observation id so the choice is deterministic.
 */
public final class SourcePriority {

    private final List<String> order;

    public SourcePriority(List<String> order) {
        this.order = List.copyOf(order);
    }

    public Comparator<Observation> comparator() {
        return Comparator.<Observation>comparingInt(o -> rank(o.getSource().getSource()))
                .thenComparing(Observation::getObservationId);
    }

    private int rank(String source) {
        int i = order.indexOf(source);
        return i < 0 ? order.size() : i;
    }
}
