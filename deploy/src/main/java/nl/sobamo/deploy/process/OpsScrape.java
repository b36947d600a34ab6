package nl.sobamo.deploy.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's ops endpoint ({@code GET /metrics} on its ops port), parsed from the Prometheus text
 * format into samples: name, labels, value. Only what a check needs: no types, no histograms' structure.
 */
public final class OpsScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;
    private final List<Sample> samples;

    private OpsScrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = List.copyOf(samples);
    }

    /** {@code GET http://127.0.0.1:<opsPort>/metrics}; fails unless it answers 200. */
    public static OpsScrape of(int opsPort) {
        HttpResponse<String> r = get("http://127.0.0.1:" + opsPort + "/metrics");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/metrics on " + opsPort + " answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    public static OpsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new OpsScrape(text, samples);
    }

    /** GET of an ops (or any loopback) URL with generous timeouts. */
    public static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + url, e);
        }
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Samples of one name whose labels include every given label. */
    public List<Sample> samples(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** Sum of the matching samples' values; 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    public boolean has(String name, Map<String, String> labels) {
        return !samples(name, labels).isEmpty();
    }

    public boolean hasPrefix(String prefix) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix));
    }

    /** The text as served, for failure messages. */
    public String text() {
        return text;
    }

    /** The lines mentioning {@code fragment}, for failure messages short enough to read. */
    public String linesWith(String fragment) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.contains(fragment) && !line.startsWith("#")) {
                b.append(line).append('\n');
            }
        }
        return b.length() == 0 ? "(no line with " + fragment + ")" : b.toString();
    }

    /** One sample: metric name (Prometheus form), labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }
}
