package nl.sobamo.ingest.bundle;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code fetchedAt} (downstream: {@code data_as_of}) a bundle route stamps on the records of one file, so that
 * it tells the truth about the data:
 * <ol>
 *   <li>a value the user set ({@code sobamo.ingest.<source>.fetched-at}) wins;</li>
 *   <li>the bundled demo file (the default {@code classpath:} resource) keeps its documented retrieval date, so
 *       re-runs over the same bundle give byte-identical records (docs/decisions/0004);</li>
 *   <li>any other file (a {@code file:} download, another resource) is stamped with the time it is read.</li>
 * </ol>
 *
 * @param bundledUri  the default resource of the source, e.g. {@code classpath:data/iv3-2023/...csv}
 * @param bundledDate the documented retrieval date of that bundled copy
 * @param configured  the user's value, or null when not set
 */
public record FetchedAt(String bundledUri, Instant bundledDate, Instant configured) {

    public FetchedAt {
        Objects.requireNonNull(bundledUri, "bundledUri");
        Objects.requireNonNull(bundledDate, "bundledDate");
    }

    /** The instant for the records of {@code uri}, read now according to {@code clock}. */
    public Instant of(String uri, Clock clock) {
        if (configured != null) {
            return configured;
        }
        if (bundledUri.equals(uri)) {
            return bundledDate;
        }
        return clock.instant();
    }
}
