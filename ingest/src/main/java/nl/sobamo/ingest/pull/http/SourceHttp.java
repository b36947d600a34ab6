package nl.sobamo.ingest.pull.http;

import java.util.Objects;

/** The fetcher as one source sees it: live links in, resolved for the mode, timed under the source's tag. */
public final class SourceHttp {

    private final HttpFetcher fetcher;
    private final LinkResolver resolver;
    private final String source;

    public SourceHttp(HttpFetcher fetcher, LinkResolver resolver, String source) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.source = Objects.requireNonNull(source, "source");
    }

    public Fetched get(String liveLink) {
        return fetcher.get(resolver.resolve(liveLink), source);
    }

    public Fetched get(String liveLink, String ifNoneMatch) {
        return fetcher.get(resolver.resolve(liveLink), source, ifNoneMatch);
    }

    public String source() {
        return source;
    }
}
