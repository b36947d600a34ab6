package nl.sobamo.deploy.process;

import java.util.List;
import java.util.Map;

import nl.sobamo.deploy.run.ConsumerLag;
import nl.sobamo.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Consumer lag of the two Streams services, read from the broker (works whether they run or not). */
public final class StreamsLag {

    private final String bootstrapServers;

    public StreamsLag(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Lag of a Streams service over its inputs; -1 when the broker does not answer. */
    public long of(String service) {
        List<String> inputs = service.equals(PipelineProcesses.NORMALIZE) ? Topics.RAW_TOPICS : List.of(Topics.OBSERVATIONS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            return new ConsumerLag(admin).of(PipelineProcesses.groupOf(service), inputs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (RuntimeException brokerAway) {
            return -1;
        }
    }

    public boolean drained() {
        return of(PipelineProcesses.NORMALIZE) == 0 && of(PipelineProcesses.AGGREGATE) == 0;
    }
}
