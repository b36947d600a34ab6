package nl.sobamo.deploy.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the bundled Iv3 source file directly, independently of the pipeline, so the tests can check the
 * pipeline's numbers against numbers computed straight from the source.
 */
final class Iv3SourceFile {

    record Account(double lasten61Thousands, double totalLastenThousands, long inhabitants) {
        boolean deliveredData() {
            return totalLastenThousands != 0.0;
        }

        double lasten61PerInhabitant() {
            return lasten61Thousands * 1000 / inhabitants;
        }
    }

    private Iv3SourceFile() {
    }

    /** Accounts by municipality name, without the aggregate row 'Nederland'. */
    static Map<String, Account> accounts() throws IOException {
        Map<String, double[]> sums = new HashMap<>();
        Map<String, Long> inhabitants = new HashMap<>();
        try (InputStream in = Iv3SourceFile.class.getClassLoader()
                .getResourceAsStream("data/iv3-2023/Analysedata_Iv3_2023_jaarrekening.csv")) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord row : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String name = row.get("Gemeenten");
                if (name.equals("Nederland")) {
                    continue;
                }
                double lasten = Double.parseDouble(row.get("Lasten"));
                double[] s = sums.computeIfAbsent(name, n -> new double[2]);
                s[1] += lasten;
                if (row.get("Taakveld").startsWith("6.1 ")) {
                    s[0] = lasten;
                }
                inhabitants.put(name, Long.parseLong(row.get("Inwonertal")));
            }
        }
        Map<String, Account> accounts = new HashMap<>();
        sums.forEach((name, s) -> accounts.put(name, new Account(s[0], s[1], inhabitants.get(name))));
        return accounts;
    }
}
