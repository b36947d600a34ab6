package nl.sobamo.testkit.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

class TopologyGoldenTest {

    private static Topology topology(boolean named) {
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<String, String> consumed = Consumed.with(Serdes.String(), Serdes.String());
        Produced<String, String> produced = Produced.with(Serdes.String(), Serdes.String());
        if (named) {
            builder.stream("in", consumed.withName("in-source"))
                    .mapValues(String::trim, Named.as("trim"))
                    .to("out", produced.withName("out-sink"));
        } else {
            builder.stream("in", consumed).mapValues(String::trim).to("out", produced);
        }
        return builder.build();
    }

    @Test
    void findsTheGeneratedNamesOfUnnamedOperators() {
        assertThat(TopologyGolden.generatedNames(topology(false)))
                .containsExactly("KSTREAM-SOURCE-0000000000", "KSTREAM-MAPVALUES-0000000001", "KSTREAM-SINK-0000000002");
        assertThat(TopologyGolden.generatedNames(topology(true))).isEmpty();
    }

    @Test
    void aMissingGoldenFileFailsAndSaysHowToCreateIt() {
        // in update mode the check writes the file instead of failing
        assumeFalse(Boolean.getBoolean(TopologyGolden.UPDATE_PROPERTY));
        assertThatThrownBy(() -> TopologyGolden.assertMatches(topology(true), "no-such-topology"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("-D" + TopologyGolden.UPDATE_PROPERTY + "=true")
                .hasMessageContaining("Source: in-source (topics: [in])");
    }

    @Test
    void theComparedDescriptionHasNoTrailingBlanks() {
        assertThat(TopologyGolden.describe(topology(true)).lines()).allSatisfy(l -> assertThat(l).isEqualTo(l.stripTrailing()))
                .contains("    Processor: trim (stores: [])");
    }
}
