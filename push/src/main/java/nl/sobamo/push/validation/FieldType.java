package nl.sobamo.push.validation;

/** The value types of pushed fields; JSON types are strict, CSV/XLSX cells are parsed into them first. */
public enum FieldType {
    /** Identifier chosen by the municipality: {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}} (no slash: it goes into the record id). */
    ID("string", "identifier [A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
    /** Free text, 1 to 200 characters. */
    TEXT("string", "text of 1 to 200 characters"),
    /** One of a fixed list of lower-case values. */
    ENUM("string", "one of the listed values"),
    /** CBS area code inside the municipality of the path: GM####, WK###### or BU########. */
    AREA("string", "CBS code GM####, WK###### or BU######## inside the municipality"),
    /** ISO date yyyy-MM-dd. */
    DATE("string", "ISO date yyyy-MM-dd"),
    /** Calendar year 2000..2100. */
    YEAR("integer", "year 2000..2100"),
    /** Non-negative whole number. */
    COUNT("integer", "whole number >= 0"),
    /** Non-negative number. */
    DECIMAL("number", "number >= 0"),
    /** Amount in euros (non-negative number); exempt from the BSN scan because large amounts are nine digits. */
    AMOUNT("number", "amount in euros >= 0"),
    /** true or false. */
    BOOLEAN("boolean", "true or false");

    private final String jsonType;
    private final String description;

    FieldType(String jsonType, String description) {
        this.jsonType = jsonType;
        this.description = description;
    }

    /** The JSON Schema type, for the OpenAPI document. */
    public String jsonType() {
        return jsonType;
    }

    public String description() {
        return description;
    }
}
