package nl.sobamo.deploy.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.sobamo.deploy.process.ComposeManifest.ServiceEnvironment;

/**
 * Turns a compose service into a command line on this machine: the manifest's main class and command (arguments),
 * its environment with only host, port and directory values replaced (the manifest's {@code kafka:9092} is a
 * container name, {@code 0.0.0.0} binds every interface, {@code 9400} would collide between instances); every other
 * variable is passed as written. A replacement for a variable the manifest does not have fails, so a renamed variable
 * in the manifest cannot silently leave a service on its defaults, and an addition of a variable it does set fails
 * too. Callers name the variables from the settings they set ({@code Settings.envName}), so a renamed setting
 * renames the variable replaced. Added: {@code JAVA_OPTS} with a smaller heap (the image's 75 % of RAM per JVM would
 * not fit six JVMs on one machine) and the image's logback.xml.
 */
public record ServiceEnvironments(ComposeManifest manifest, HarnessLayout layout, Path runDir) {

    static final String JAVA_OPTS = "JAVA_OPTS";

    /**
     * @param service  the compose service (its main, command and environment)
     * @param instance the process's name (its log file and working directory): the service, or a replica's name
     * @param replaced values for variables the manifest sets (host, port, directory values only)
     * @param added    variables the manifest leaves unset
     */
    public ServiceProcess.ServiceCommand command(String service, String instance, Map<String, String> replaced,
                                                 Map<String, String> added) {
        ServiceEnvironment spec = manifest.service(service)
                .orElseThrow(() -> new IllegalArgumentException("no service " + service + " in " + layout.composeFile()));
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        replaced.forEach((k, v) -> {
            if (!env.containsKey(k)) {
                throw new IllegalStateException(service + " in " + layout.composeFile() + " has no " + k + " to replace");
            }
            env.put(k, v);
        });
        added.forEach((k, v) -> {
            if (env.containsKey(k)) {
                throw new IllegalStateException(service + " in " + layout.composeFile() + " already sets " + k);
            }
            env.put(k, v);
        });
        String javaOpts = "-Xmx384m -XX:+UseSerialGC -Dorg.apache.avro.SERIALIZABLE_PACKAGES=nl.sobamo -Dlogback.configurationFile="
                + layout.imageConf().resolve("logback.xml");
        env.put(JAVA_OPTS, javaOpts);
        List<String> line = new ArrayList<>();
        line.add(HarnessLayout.javaExecutable());
        line.addAll(List.of(javaOpts.split(" ")));
        line.add("-cp");
        line.add(layout.imageClasspath());
        line.add(spec.mainClass());
        line.addAll(spec.command());
        return new ServiceProcess.ServiceCommand(instance, line, env, runDir.resolve(instance));
    }
}
