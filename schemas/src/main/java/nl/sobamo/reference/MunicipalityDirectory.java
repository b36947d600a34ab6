package nl.sobamo.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The municipalities of the current classification, with the names sources use for them. Iv3 names
 * municipalities by name only, so this is how an Iv3 account finds its code.
 */
public final class MunicipalityDirectory {

    public static final String DEFAULT_RESOURCE = "reference/gemeente_codes_2023.csv";

    private final Map<String, String> nameByCode;
    private final Map<String, String> codeByName;

    private MunicipalityDirectory(Map<String, String> nameByCode, Map<String, String> codeByName) {
        this.nameByCode = Map.copyOf(nameByCode);
        this.codeByName = Map.copyOf(codeByName);
    }

    public static MunicipalityDirectory loadDefault() {
        return ReferenceFiles.load(DEFAULT_RESOURCE, "Municipality", MunicipalityDirectory::read);
    }

    public static MunicipalityDirectory read(Reader reader) throws IOException {
        Map<String, String> nameByCode = new HashMap<>();
        Map<String, String> codeByName = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
        for (CSVRecord row : format.parse(reader)) {
            String code = row.get("gm_code").trim();
            String name = row.get("naam_analysedata").trim();
            nameByCode.put(code, name);
            codeByName.put(key(name), code);
            codeByName.put(key(row.get("naam_gemeenteklassen")), code);
        }
        return new MunicipalityDirectory(nameByCode, codeByName);
    }

    public Optional<String> codeForName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(codeByName.get(key(name)));
    }

    public boolean isKnown(String municipalityCode) {
        return nameByCode.containsKey(municipalityCode);
    }

    public Optional<String> name(String municipalityCode) {
        return Optional.ofNullable(nameByCode.get(municipalityCode));
    }

    public Set<String> codes() {
        return nameByCode.keySet();
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
