package nl.sobamo.ingest.pull;

import java.time.Instant;
import java.util.Map;

import nl.sobamo.ingest.pull.protocol.Row;
import nl.sobamo.ingest.pull.protocol.TableMetadata;
import nl.sobamo.schemas.RawRecord;

/**
 * What a mapper needs besides the rows.
 *
 * @param source    e.g. {@code cbs-kwb}
 * @param metadata  the table's metadata
 * @param fetchedAt when this pull started; stamped on every record
 * @param licence   licence of the source's data
 */
public record MapperContext(String source, TableMetadata metadata, Instant fetchedAt, String licence) {

    public String dataset() {
        return metadata.table();
    }

    /** {@code <source>/<dataset>/<period>/<natural key>}, the contract's deterministic record id. */
    public String recordId(String period, String naturalKey) {
        return source + "/" + dataset() + "/" + period + "/" + naturalKey;
    }

    /** A record whose provenance is {@code row} (its page URL, page hash and position). */
    public RawRecord record(String recordId, String period, String areaCode, Map<String, String> fields, Row row,
                            String location) {
        return RawRecord.newBuilder()
                .setRecordId(recordId)
                .setSource(source)
                .setDataset(dataset())
                .setPeriod(period)
                .setAreaCode(areaCode)
                .setFields(fields)
                .setFetchedAt(fetchedAt)
                .setUri(row.uri())
                .setLocation(location)
                .setContentHash(row.contentHash())
                .setLicence(licence)
                .build();
    }
}
