package nl.sobamo.deploy.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs tools/confluent-check/decode_table.py: Confluent's own Python client and Avro deserializer (Debian's
 * python3-confluent-kafka), the independent proof that Confluent clients can read sobamo's topics.
 */
final class ConfluentPythonClient {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path SCRIPT = Path.of("..", "tools", "confluent-check", "decode_table.py");

    private ConfluentPythonClient() {
    }

    static boolean available() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON) || !Files.exists(SCRIPT)) {
            return false;
        }
        // the schema-registry part of the client needs python3-requests, which Debian only recommends
        Process p = new ProcessBuilder(PYTHON.toString(), "-c",
                "import avro; from confluent_kafka.schema_registry import SchemaRegistryClient").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    static JsonNode decode(String bootstrapServers, String registryUrl, String topic) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(PYTHON.toString(), SCRIPT.toString(), bootstrapServers, registryUrl, topic))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("decode_table.py failed:\n" + output);
        }
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
