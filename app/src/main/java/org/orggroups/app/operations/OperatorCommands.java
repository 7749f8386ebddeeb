package org.orggroups.app.operations;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.orggroups.app.projections.Projections;
import org.orggroups.app.projections.RebuildRun;
import org.orggroups.app.projections.ProjectionState.Progress;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The operator's command lines of the jar, run without the web server (so they work while the service is down
 * or next to running nodes):
 *
 * <ul>
 *   <li>{@code rebuild --all}: rebuilds the synchronous views, then every streaming projection;</li>
 *   <li>{@code rebuild <name>}: rebuilds one projection ({@code views} or any processor's name);</li>
 *   <li>{@code generate [--events=N | --groups=N] [--seed=S] [--batch=B]}: writes a realistic history of
 *       {@code N} events (default 1,000,000; or about {@code N} groups and {@code 10 N} events) straight into an
 *       empty event store, {@code B} events per transaction (see {@link DatasetGenerator}); the read tables are
 *       left stale for {@code rebuild --all}.</li>
 * </ul>
 * A progress line (events done/total, events per second, time left) is rewritten in place on standard output at
 * most four times a second. Exit status: 0 on success, 1 with the reason on standard error on failure, 2 for a
 * usage error.
 */
@Component
public class OperatorCommands implements ApplicationRunner, ExitCodeGenerator {

    /** First arguments that select an operator command instead of the service. */
    private static final Set<String> COMMANDS = Set.of("rebuild", "generate");
    private static final long REFRESH_MILLIS = 250;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OperatorCommands.class);

    private final Projections projections;
    private final DatasetGenerator generator;
    private final PrintStream out = System.out;
    private volatile int exitCode;

    public OperatorCommands(Projections projections, DatasetGenerator generator) {
        this.projections = projections;
        this.generator = generator;
    }

    /** @return whether these arguments ask for an operator command rather than the service */
    public static boolean isCommand(String... args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !COMMANDS.contains(words.get(0))) {
            return;
        }
        try {
            exitCode = "rebuild".equals(words.get(0)) ? rebuild(args, words) : generate(args);
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println(words.get(0) + " failed: " + e);
            LOG.debug("operator command failed", e);
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private int rebuild(ApplicationArguments args, List<String> words) {
        boolean all = args.containsOption("all");
        // Settings of the application itself (--spring.datasource.url=..., --logging.level.root=...) have dots.
        boolean strayOptions = args.getOptionNames().stream().anyMatch(o -> !o.equals("all") && !o.contains("."));
        if (strayOptions || words.size() != (all ? 1 : 2)) {
            System.err.println("usage: rebuild --all | rebuild <name>   (names: "
                    + String.join(", ", projections.names()) + ")");
            return 2;
        }
        List<String> units = all ? projections.allUnits() : List.of(words.get(1));
        long started = System.nanoTime();
        RebuildRun run;
        if (all) {
            // One read of the store for every projection, when they all can be rebuilt in bulk.
            run = projections.startRebuildAll();
        } else {
            try {
                run = projections.startRebuild(units.get(0));
            } catch (Projections.UnknownProjectionException e) {
                System.err.println("no projection named " + units.get(0) + " (names: "
                        + String.join(", ", projections.names()) + ")");
                return 2;
            }
        }
        if (!follow(run.unit(), run)) {
            return 1;
        }
        long events = run.progress().done();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "rebuilt %s: %,d events in %.1f s (%,.0f events/s)%n",
                String.join(", ", units), events, seconds, seconds > 0 ? events / seconds : 0.0);
        return 0;
    }

    /** Prints the run's progress until it ends; false when it failed (and says why). */
    private boolean follow(String unit, RebuildRun run) {
        while (!run.finished()) {
            printProgress(unit, run.progress(), false);
            sleep();
        }
        printProgress(unit, run.progress(), true);
        if (run.failure() != null) {
            System.err.println("rebuild of " + unit + " failed: " + run.failure());
            return false;
        }
        return true;
    }

    private void printProgress(String unit, Progress progress, boolean last) {
        String eta = progress.etaSeconds() == null ? "?" : progress.etaSeconds() + " s";
        // Padded so that a shorter line fully overwrites the longer one before it.
        out.printf(Locale.ROOT, "\r%-60s", String.format(Locale.ROOT, "%s: %,d/%,d events  %,d events/s  ETA %s",
                unit, progress.done(), progress.total(), progress.eventsPerSecond(), last ? "0 s" : eta));
        if (last) {
            out.println();
        }
        out.flush();
    }

    private int generate(ApplicationArguments args) {
        DatasetGenerator.Options options;
        try {
            options = generateOptions(args);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: generate [--events=N | --groups=N] [--seed=S] [--batch=B]   ("
                    + e.getMessage() + ")");
            return 2;
        }
        out.printf(Locale.ROOT, "generate: %,d events, about %,d groups, seed %d, %,d events per transaction%n",
                options.events(), options.groups(), options.seed(), options.batchSize());
        DatasetGenerator.Result result = generator.generate(options, (done, total, rate) -> {
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            out.printf(Locale.ROOT, "\r%-70s", String.format(Locale.ROOT,
                    "generate: %,d/%,d events  %,.0f events/s  ETA %s", done, total, rate,
                    eta < 0 ? "?" : eta + " s"));
            out.flush();
        });
        out.println();
        out.printf(Locale.ROOT, "generated %,d events (%,d requests) in %.1f s (%,.0f events/s)%n",
                result.events(), result.requests(), result.seconds(), result.eventsPerSecond());
        out.printf(Locale.ROOT, "  groups: %,d created, %,d live, per level %s%n", result.groupsCreated(),
                result.groupsLive(), java.util.Arrays.toString(result.groupsPerLevel()));
        out.printf(Locale.ROOT, "  customers: %,d created, %,d live, %,d memberships%n", result.customersCreated(),
                result.customersLive(), result.memberships());
        out.printf(Locale.ROOT, "  events: %s%n", new java.util.TreeMap<>(result.eventCounts()));
        out.printf(Locale.ROOT, "  time stamps: %s to %s%n", result.firstEvent(), result.lastEvent());
        out.println("Only the event store was written; every read table is stale. Rebuild before the service"
                + " takes commands again (its group_tree checks parents and members): rebuild --all");
        return 0;
    }

    /**
     * {@code --events=N} (default 1,000,000) or {@code --groups=N} (about N groups, 10 N events), {@code --seed}
     * (42), {@code --batch} (events per transaction).
     */
    private static DatasetGenerator.Options generateOptions(ApplicationArguments args) {
        if (args.containsOption("events") && args.containsOption("groups")) {
            throw new IllegalArgumentException("give --events or --groups, not both");
        }
        long seed = longOption(args, "seed", 42);
        DatasetGenerator.Options options = args.containsOption("groups")
                ? DatasetGenerator.Options.ofGroups(Math.toIntExact(positive(args, "groups", 0)), seed)
                : DatasetGenerator.Options.ofEvents(positive(args, "events", 1_000_000), seed);
        return options.withBatchSize(Math.toIntExact(positive(args, "batch", options.batchSize())));
    }

    private static long positive(ApplicationArguments args, String name, long fallback) {
        long value = longOption(args, name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be a positive number");
        }
        return value;
    }

    private static long longOption(ApplicationArguments args, String name, long fallback) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        String text = values.get(values.size() - 1).replace("_", "").replace(",", "");
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a number: " + values.get(values.size() - 1));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(REFRESH_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
