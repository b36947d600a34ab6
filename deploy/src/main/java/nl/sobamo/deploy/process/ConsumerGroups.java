package nl.sobamo.deploy.process;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;

/**
 * A Streams app's consumer group as the broker sees it: the readiness signal of a Streams service without an ops
 * endpoint. A service killed with -9 stays a member until its session times out, so "ready after a restart" means
 * a stable group none of whose members was there before the kill.
 */
public final class ConsumerGroups {

    private final String bootstrapServers;

    public ConsumerGroups(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Member ids of the group, empty when it has none or cannot be described. */
    public Set<String> members(String groupId) {
        return describe(groupId).map(d -> d.members().stream().map(MemberDescription::consumerId)
                .collect(Collectors.toSet())).orElse(Set.of());
    }

    /** Stable, with members, none of them in {@code before}. */
    public boolean stableWithNewMembers(String groupId, Set<String> before) {
        return describe(groupId).filter(d -> d.groupState() == GroupState.STABLE && !d.members().isEmpty()
                && d.members().stream().noneMatch(m -> before.contains(m.consumerId()))).isPresent();
    }

    private java.util.Optional<ConsumerGroupDescription> describe(String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            return java.util.Optional.ofNullable(admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(15, TimeUnit.SECONDS).get(groupId));
        } catch (Exception notAnswering) {
            return java.util.Optional.empty();
        }
    }
}
