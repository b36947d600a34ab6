/**
 * The embedded platform of the one-command runner: a real Kafka 4 broker (KRaft, one combined
 * broker/controller node) inside this JVM, and the real Apicurio Registry 2.6 as a child process,
 * both on 127.0.0.1 with their state under one data directory:
 *
 * <pre>
 * &lt;dataDir&gt;/kafka/      cluster.id, server.properties, logs/, metadata/  (see KafkaStorage)
 * &lt;dataDir&gt;/registry/   registry.mv.db (H2), registry.log, registry.pid
 * </pre>
 *
 * <p>Entry point: {@link nl.sobamo.deploy.platform.EmbeddedPlatform}, configured by
 * {@link nl.sobamo.deploy.platform.PlatformConfig}. Topic creation is not part of this package.
 */
package nl.sobamo.deploy.platform;
