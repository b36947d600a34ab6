package nl.sobamo.ingest;

import java.io.PrintStream;
import java.util.List;
import java.util.Properties;

import nl.sobamo.config.Settings;
import nl.sobamo.ingest.pull.OpenDataConfig;
import nl.sobamo.ingest.schedule.PullSchedule;
import nl.sobamo.ops.OpsSettings;
import nl.sobamo.ops.ServiceOps;

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
 *
 * <p>{@code IngestApplication serve [options]} (same options): stays up and pulls on the {@link PullSchedule}
 * ({@code sobamo.ingest.schedule.interval}), with its ops endpoint ({@code SOBAMO_OPS_PORT}, default 9400). A
 * one-shot {@code pull} serves the endpoint only when {@code sobamo.ops.port} is set, so it does not collide with
 * a long-running service on the same host.
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
        Properties opsDefaults = new Properties();
        if (Settings.load().get(OpsSettings.PORT).isEmpty()) {
            opsDefaults.setProperty(OpsSettings.PORT, "-1");
        }
        try (ServiceOps ops = ServiceOps.create("ingest", Settings.load(opsDefaults), config.bootstrapServers(),
                config.registryUrl()).start();
             IngestApplication app = IngestApplication.start(config, openData, ops.registry())) {
            List<IngestReport> reports = app.pullConfigured();
            reports.forEach(r -> out.println(r.summary()));
            return 0;
        } catch (RuntimeException e) {
            out.println("pull failed: " + e.getMessage());
            return 1;
        }
    }

    /** Long-running: pulls on the schedule until the JVM is stopped. */
    static int serve(String[] args, PrintStream out) throws Exception {
        Properties overrides;
        IngestConfig config;
        OpenDataConfig openData;
        PullSchedule schedule;
        try {
            overrides = parse(args);
            config = IngestConfig.load(overrides);
            openData = OpenDataConfig.load(overrides);
            schedule = PullSchedule.from(Settings.load(overrides));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("usage: serve [pull options]; schedule: " + PullSchedule.INTERVAL + ", " + PullSchedule.INITIAL_DELAY);
            return 2;
        }
        ServiceOps ops = ServiceOps.create("ingest", Settings.load(overrides), config.bootstrapServers(), config.registryUrl());
        IngestApplication app = IngestApplication.start(config, openData, ops.registry());
        app.schedulePulls(schedule);
        out.println("sobamo ingest: pulling " + openData.sources() + " every " + schedule.interval()
                + ", first in " + schedule.initialDelay());
        ops.serveUntilShutdown(app);
        return 0;
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
