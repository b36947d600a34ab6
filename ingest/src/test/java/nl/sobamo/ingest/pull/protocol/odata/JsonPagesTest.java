package nl.sobamo.ingest.pull.protocol.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import nl.sobamo.ingest.pull.http.Fetched;
import nl.sobamo.ingest.pull.protocol.MalformedPageException;
import nl.sobamo.ingest.pull.protocol.Page;
import nl.sobamo.ingest.pull.protocol.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streamed reader gives what the tree reader gives: same rows, cells, raw rows, next links and rejections. */
class JsonPagesTest {

    private static final String LINK = "https://opendata.cbs.nl/ODataApi/odata/85984NED/TypedDataSet?$format=json";

    /** Every recorded OData page of the fixtures module and every v3 case of the adversarial corpus. */
    static Stream<Path> pages() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of("..", "fixtures", "src", "main", "resources", "fixtures"))) {
            walk.filter(p -> p.toString().endsWith(".json")).forEach(files::add);
        }
        try (Stream<Path> walk = Files.list(Path.of("src", "test", "resources", "corpus", "odata"))) {
            walk.filter(p -> p.getFileName().toString().startsWith("v3-")).forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(40);
        return files.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void aRecordedPageReadsAsTheTreeReadsIt(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        if (name.contains("DataSet") || name.startsWith("Observations") || name.equals("v3-ok.json")) {
            // recorded data pages are ordinary: they take the streamed path, which is what is compared here
            assertThat(JsonPages.stream(body, ODataVersion.V3)).as(name).isNotNull();
        }
        for (ODataVersion version : ODataVersion.values()) {
            assertSame(body, version);
        }
    }

    @Test
    void unusualButValidPagesReadAsTheTreeReadsThem() {
        for (String page : List.of(
                "{\"odata.nextLink\":\"https://opendata.cbs.nl/x?$skip=2\",\"value\":[{\"A\":1}]}",
                "  {\"value\":[{\"A\":\" padded \",\"B\":null,\"C\":true,\"D\":false,\"E\":-0,\"F\":1.50,\"G\":1e3,"
                        + "\"H\":123456789012345678901234567890,\"I\":-9223372036854775808,\"J\":0.000,"
                        + "\"K\":\"\\u00e9\\\"\\n\\t\",\"L\":\"caf\u00e9 \u20ac\",\"M\":1E-7}],\"other\":{\"x\":[1,{}]}}",
                "{\"value\":[]}",
                "{\"value\":[{}],\"odata.nextLink\":null,\"@odata.nextLink\":null}",
                "{\"value\":[{\"A\":1},{\"A\":{\"nested\":1}},{\"A\":[1]}]}",
                "{\"value\":[{\"A\":1},5,\"x\",null,[1]]}",
                "{\"value\":[{\"A\":1,\"A\":2}]}",
                "{\"value\":[{\"A\":1}]} x",
                "{\"value\":[{\"A\":1}]}{}",
                "{\"value\":{\"A\":1}}",
                "[{\"value\":[]}]",
                "null",
                "",
                "{\"value\":[{\"A\":1}],\"odata.nextLink\":5}",
                "{\"value\":[{\"A\":1}],\"odata.nextLink\":\"https://elsewhere.example/x\"}",
                "{\"value\":[{\"A\":1}],\"odata.nextLink\":\"" + LINK + "\"}",
                "\uFEFF{\"value\":[{\"A\":1}]}")) {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            for (ODataVersion version : ODataVersion.values()) {
                assertSame(body, version);
            }
        }
        byte[] utf16 = "{\"value\":[{\"A\":\"\u00e9\"}]}".getBytes(StandardCharsets.UTF_16LE);
        assertSame(utf16, ODataVersion.V3);
    }

    @Test
    void anOrdinaryPageIsStreamedAndItsRowsRenderAsBefore() throws Exception {
        byte[] body = ("{\"value\":[{\"ID\":0,\"WijkenEnBuurten\":\"BU00000000  \",\"M\":12.50},"
                + "{\"ID\":1,\"WijkenEnBuurten\":\"BU00000001\",\"M\":\"abc\"}],"
                + "\"odata.nextLink\":\"https://opendata.cbs.nl/ODataApi/odata/T/TypedDataSet?$skip=2\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(JsonPages.stream(body, ODataVersion.V3)).isNotNull();
        Page page = JsonPages.read(fetched(body), LINK, ODataVersion.V3);
        assertThat(page.rows().get(0).cells()).containsExactly(Map.entry("ID", "0"),
                Map.entry("WijkenEnBuurten", "BU00000000"), Map.entry("M", "12.5"));
        assertThat(page.rows().get(1).raw().get())
                .isEqualTo("{\"ID\":1,\"WijkenEnBuurten\":\"BU00000001\",\"M\":\"abc\"}");
        assertSame(body, ODataVersion.V3);
    }

    private static Fetched fetched(byte[] body) {
        return new Fetched(URI.create(LINK), 200, body, null, null, 1, Duration.ZERO);
    }

    private static void assertSame(byte[] body, ODataVersion version) {
        Object tree = outcome(() -> JsonPages.readTree(fetched(body), LINK, version));
        Object streamed = outcome(() -> JsonPages.read(fetched(body), LINK, version));
        assertThat(streamed).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(tree);
    }

    interface Reader {
        Page read() throws MalformedPageException;
    }

    /** A comparable form of a read: the rows with their rendered raw text and the next link, or the rejection. */
    private static Object outcome(Reader reader) {
        try {
            Page page = reader.read();
            List<Object> rows = new ArrayList<>();
            for (Row r : page.rows()) {
                rows.add(List.of(List.copyOf(r.cells().entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue()).toList()), r.position(), r.uri(),
                        r.contentHash(), r.location(), r.raw().get(), String.valueOf(r.problem())));
            }
            return List.of(rows, String.valueOf(page.nextLink()));
        } catch (MalformedPageException e) {
            return "malformed: " + e.getMessage();
        }
    }
}
