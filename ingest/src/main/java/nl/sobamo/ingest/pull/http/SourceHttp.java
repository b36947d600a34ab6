package nl.sobamo.ingest.pull.http;

import java.util.Objects;

/** The fetcher as one source sees it: live links in, resolved for the mode, timed under the source's tag. */
public record SourceHttp(HttpFetcher fetcher, LinkResolver resolver, String source) {

    public SourceHttp {
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(source, "source");
    }

    public Fetched get(String liveLink) {
        return fetcher.get(resolver.resolve(liveLink), source);
    }

    public Fetched get(String liveLink, String ifNoneMatch) {
        return fetcher.get(resolver.resolve(liveLink), source, ifNoneMatch);
    }
}
