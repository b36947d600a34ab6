package nl.sobamo.serde;

import java.util.Objects;

/**
 * Confluent's default subject naming, {@code <topic>-key} and {@code <topic>-value}: one schema lineage per topic
 * and side, which is what lets the registry enforce compatibility for everything written to a topic.
 */
public final class TopicNameStrategy {

    private TopicNameStrategy() {
    }

    public static String subject(String topic, boolean isKey) {
        Objects.requireNonNull(topic, "topic");
        return topic + (isKey ? "-key" : "-value");
    }
}
