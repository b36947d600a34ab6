package nl.sobamo.push;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import nl.sobamo.push.validation.Dataset;
import nl.sobamo.push.validation.ValidRecord;
import nl.sobamo.schemas.RawRecord;

/** Turns validated push records into {@link RawRecord}s (API and file drop alike). */
public final class PushRecords {

    public static final String SOURCE = "push";

    private PushRecords() {
    }

    /**
     * {@code push/<dataset>/<GM####>/<logical key>}: the same logical record always gets the same id, so a correction
     * (PUT, or a re-dropped file) supersedes the earlier value downstream.
     */
    public static String recordId(Dataset dataset, String municipality, String logicalKey) {
        return SOURCE + "/" + dataset.id() + "/" + municipality + "/" + logicalKey;
    }

    /**
     * @param acceptedAt  the records' {@code fetchedAt}: when the municipality delivered them
     * @param uri         where they came from, e.g. {@code push-api:/api/v1/municipalities/GM0166/visitors}
     * @param location    per record, e.g. {@code record 0} or {@code row 3}
     * @param contentHash SHA-256 (hex) of the request body or dropped file
     */
    public static List<RawRecord> toRawRecords(Dataset dataset, String municipality, List<ValidRecord> records,
                                               Instant acceptedAt, String uri, Function<ValidRecord, String> location,
                                               String contentHash) {
        List<RawRecord> out = new ArrayList<>(records.size());
        for (ValidRecord r : records) {
            out.add(RawRecord.newBuilder()
                    .setRecordId(recordId(dataset, municipality, r.logicalKey()))
                    .setSource(SOURCE)
                    .setDataset(dataset.id())
                    .setPeriod(r.period())
                    .setAreaCode(r.areaCode())
                    .setFields(new java.util.LinkedHashMap<>(r.fields()))
                    .setFetchedAt(acceptedAt)
                    .setUri(uri)
                    .setLocation(location.apply(r))
                    .setContentHash(contentHash)
                    .setLicence(null)
                    .build());
        }
        return out;
    }
}
