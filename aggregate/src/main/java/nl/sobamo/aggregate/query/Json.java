package nl.sobamo.aggregate.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Avro records to plain JSON-ready maps (field order of the schema, timestamps as ISO-8601, enums by name). */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    private Json() {
    }

    public static Map<String, Object> row(SpecificRecord record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Schema.Field f : record.getSchema().getFields()) {
            map.put(f.name(), plain(record.get(f.pos())));
        }
        return map;
    }

    public static List<Map<String, Object>> rows(Collection<? extends SpecificRecord> records) {
        List<Map<String, Object>> list = new ArrayList<>(records.size());
        records.forEach(r -> list.add(row(r)));
        return list;
    }

    static Object plain(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof SpecificRecord r) {
            return row(r);
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        if (v instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>(c.size());
            c.forEach(x -> list.add(plain(x)));
            return list;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, x) -> map.put(String.valueOf(k), plain(x)));
            return map;
        }
        return v.toString();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static Object read(String json) {
        try {
            return MAPPER.readValue(json, ANY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read JSON: " + e.getOriginalMessage(), e);
        }
    }
}
