package nl.sobamo.ingest.pull.protocol;

import nl.sobamo.ingest.pull.http.Fetched;

/** How one kind of source serves a table: where its metadata and first page are, and how a page reads. */
public interface TableProtocol {

    /**
     * Fetches the table's version stamp only (v3 TableInfos, v4 Properties, a document's ETag): the one request an
     * unchanged table costs.
     *
     * @param previousEtag the ETag stored by the last pull, for a conditional request, or null
     * @return {@code [modified, etag]}; either may be null
     * @throws MalformedPageException when the response cannot be read
     */
    String[] version(String previousEtag) throws MalformedPageException;

    /**
     * Fetches and reads the rest of the table's metadata; called after {@link #version} on the same instance.
     *
     * @throws MalformedPageException when the metadata cannot be read
     */
    TableMetadata metadata() throws MalformedPageException;

    /** Reads one fetched data page; {@code pageLink} is its live link. */
    Page read(Fetched fetched, String pageLink, TableMetadata metadata) throws MalformedPageException;

    /** Rows per page the server uses, when no page has shown it yet (to skip past a malformed first page). */
    long defaultPageSize();
}
