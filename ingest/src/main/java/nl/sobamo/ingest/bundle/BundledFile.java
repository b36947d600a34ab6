package nl.sobamo.ingest.bundle;

import java.time.Instant;
import java.util.Objects;

import nl.sobamo.ingest.IngestConfig;

/**
 * The file a bundle route reads and how its {@code fetchedAt} is decided ({@link FetchedAt}): the setting that names
 * the file, the bundled default with its documented retrieval date, and the setting a user may stamp it with.
 *
 * @param resourceKey  setting naming the file, e.g. {@value IngestConfig#IV3_RESOURCE}
 * @param fetchedAtKey setting with the user's retrieval date, e.g. {@value IngestConfig#IV3_FETCHED_AT}
 * @param bundledUri   the default resource, the bundled copy
 * @param bundledDate  the documented retrieval date of that copy
 */
public record BundledFile(String resourceKey, String fetchedAtKey, String bundledUri, Instant bundledDate) {

    public BundledFile {
        Objects.requireNonNull(resourceKey, "resourceKey");
        Objects.requireNonNull(fetchedAtKey, "fetchedAtKey");
    }

    /** The fetchedAt rule with the user's value of {@link #fetchedAtKey()}, which may be null or blank. */
    FetchedAt fetchedAt(String configured) {
        return new FetchedAt(bundledUri, bundledDate, IngestConfig.optionalInstant(fetchedAtKey, configured));
    }
}
