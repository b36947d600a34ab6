package nl.sobamo.ingest.pull.http;

import java.net.URI;

/**
 * Turns a live link (as configured, or as a server's {@code odata.nextLink} gave it) into the URI actually
 * requested. Live mode requests it as is. Fixture mode requests {@code <fixtures base>/<host><path>?<query>} from a
 * local server, so recorded responses keep their real absolute next links and checkpoints hold live links in both
 * modes.
 */
public final class LinkResolver {

    private final String fixturesBase;

    private LinkResolver(String fixturesBase) {
        this.fixturesBase = fixturesBase;
    }

    public static LinkResolver live() {
        return new LinkResolver(null);
    }

    /** @param fixturesBase e.g. {@code http://127.0.0.1:41234} */
    public static LinkResolver fixtures(String fixturesBase) {
        String b = fixturesBase.endsWith("/") ? fixturesBase.substring(0, fixturesBase.length() - 1) : fixturesBase;
        return new LinkResolver(b);
    }

    public boolean isLive() {
        return fixturesBase == null;
    }

    public URI resolve(String liveLink) {
        URI live = URI.create(liveLink.replace(" ", "%20"));
        if (fixturesBase == null) {
            return live;
        }
        String query = live.getRawQuery() == null ? "" : "?" + live.getRawQuery();
        return URI.create(fixturesBase + "/" + live.getHost() + live.getRawPath() + query);
    }
}
