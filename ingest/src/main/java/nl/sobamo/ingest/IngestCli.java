package nl.sobamo.ingest;

import java.io.PrintStream;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.sobamo.ingest.pull.OpenDataConfig;

/**
 * {@code IngestApplication pull [options]}: pulls the configured open data once and prints one line per table.
 *
 * <pre>
 *   --sources=cbs-kwb,rivm     sources to pull (default: all)
 *   --kwb-years=2018-2025      KWB reference years (ranges and lists)
 *   --kwb-tables=85984NED      KWB tables by id (added to the years' tables)
 *   --kwb-protocol=v4          read KWB through OData v4
 *   --live                     fetch from the live CBS/RIVM/Leefbaarometer endpoints
 *   --fixtures=URL             fetch recorded responses from the fixture server at URL (started with
 *                              {@code java -cp <fixtures jar> nl.sobamo.fixtures.FixtureServer}; no internet)
 *   --set key=value            any other setting (docs/ingest.md)
 * </pre>
 * Settings not given come from system properties, the environment and {@code sobamo.config.file}, as usual.
 */
final class IngestCli {

    private IngestCli() {
    }

    static int pull(String[] args, PrintStream out) {
        IngestConfig config;
        OpenDataConfig openData;
        try {
            Properties overrides = parse(args);
            config = IngestConfig.load(overrides);
            openData = OpenDataConfig.load(overrides);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: pull [--sources=a,b] [--kwb-years=2018-2025] [--kwb-tables=T1,T2] [--kwb-protocol=v3|v4]"
                    + " [--live|--fixtures=URL] [--set key=value]...");
            return 2;
        }
        try (IngestApplication app = IngestApplication.start(config, openData, new SimpleMeterRegistry())) {
            List<IngestReport> reports = app.pullConfigured();
            reports.forEach(r -> out.println(r.summary()));
            return 0;
        } catch (RuntimeException e) {
            out.println("pull failed: " + e.getMessage());
            return 1;
        }
    }

    static Properties parse(String[] args) {
        Properties p = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--live")) {
                p.setProperty(OpenDataConfig.MODE, "live");
            } else if (a.startsWith("--fixtures=")) {
                p.setProperty(OpenDataConfig.MODE, "fixtures");
                p.setProperty(OpenDataConfig.FIXTURES_URL, value(a));
            } else if (a.equals("--set") && i + 1 < args.length && args[i + 1].contains("=")) {
                String kv = args[++i];
                p.setProperty(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            } else if (a.startsWith("--sources=")) {
                p.setProperty(OpenDataConfig.SOURCES, value(a));
            } else if (a.startsWith("--kwb-years=")) {
                p.setProperty(OpenDataConfig.KWB_YEARS, value(a));
            } else if (a.startsWith("--kwb-tables=")) {
                p.setProperty(OpenDataConfig.KWB_TABLES, value(a));
            } else if (a.startsWith("--kwb-protocol=")) {
                p.setProperty(OpenDataConfig.KWB_PROTOCOL, value(a));
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return p;
    }

    private static String value(String arg) {
        return arg.substring(arg.indexOf('=') + 1);
    }
}
