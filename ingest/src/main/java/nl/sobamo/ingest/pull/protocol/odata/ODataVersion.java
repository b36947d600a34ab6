package nl.sobamo.ingest.pull.protocol.odata;

/** The two CBS OData dialects: the property names that differ. */
public enum ODataVersion {
    /** {@code opendata.cbs.nl/ODataApi/odata}, {@code dataderden.cbs.nl/ODataApi/odata}. */
    V3("odata.nextLink"),
    /** {@code odata4.cbs.nl/CBS}, {@code datasets.cbs.nl/odata/v1/CBS}. */
    V4("@odata.nextLink");

    private final String nextLinkProperty;

    ODataVersion(String nextLinkProperty) {
        this.nextLinkProperty = nextLinkProperty;
    }

    public String nextLinkProperty() {
        return nextLinkProperty;
    }
}
