package nl.sobamo.ingest.pull.protocol.odata;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Builds and rewrites paging links. */
public final class NextLinks {

    private NextLinks() {
    }

    /** The {@code $skip} of a link, 0 when it has none. */
    public static long skipOf(String link) {
        String query = URI.create(link).getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("$skip=") || part.startsWith("%24skip=")) {
                    return Long.parseLong(part.substring(part.indexOf('=') + 1));
                }
            }
        }
        return 0;
    }

    /**
     * The link of the page after a page that could not be read (so its own next link is unknown): the same link
     * with {@code $skip} advanced by the page size. CBS pages by {@code $skip}, so this is the link the server
     * would have given.
     */
    public static String skipAhead(String link, long pageSize) {
        URI uri = URI.create(link);
        long skip = skipOf(link) + pageSize;
        List<String> parts = new ArrayList<>();
        if (uri.getRawQuery() != null) {
            for (String part : uri.getRawQuery().split("&")) {
                if (!part.startsWith("$skip=") && !part.startsWith("%24skip=") && !part.isEmpty()) {
                    parts.add(part);
                }
            }
        }
        parts.add("$skip=" + skip);
        String base = link.contains("?") ? link.substring(0, link.indexOf('?')) : link;
        return base + "?" + String.join("&", parts);
    }
}
