package nl.sobamo.push.validation;

import java.util.Map;

/**
 * A record that passed every rule, in canonical form.
 *
 * @param index      index in the request or row in the file
 * @param logicalKey {@link Dataset#logicalKey(Map)}
 * @param period     {@link Dataset#period(Map)}
 * @param areaCode   {@link Dataset#areaCode(Map, String)}
 * @param fields     the given fields as canonical strings (numbers plain, booleans true/false, dates ISO), defaults
 *                   filled in ({@code estimated=false}), plus {@code municipalityCode}; insertion-ordered
 */
public record ValidRecord(int index, String logicalKey, String period, String areaCode, Map<String, String> fields) {

    public ValidRecord {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
