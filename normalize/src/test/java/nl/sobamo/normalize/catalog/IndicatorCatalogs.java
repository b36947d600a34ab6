package nl.sobamo.normalize.catalog;

import nl.sobamo.catalog.IndicatorCatalog;

import java.io.IOException;
import java.io.InputStream;

/** Test access to catalog parsing from other packages. */
public final class IndicatorCatalogs {

    private IndicatorCatalogs() {
    }

    public static IndicatorCatalog parse(InputStream in) throws IOException {
        return IndicatorCatalog.parse(in, "test");
    }
}
