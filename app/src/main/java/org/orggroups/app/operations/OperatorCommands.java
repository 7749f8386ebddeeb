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
 *   <li>{@code generate --groups N [--seed S] [--batch B]}: writes a realistic data set through the command
 *       gateway (see {@link DatasetGenerator}).</li>
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
        List<String> units;
        if (args.containsOption("all")) {
            units = projections.allUnits();
        } else if (words.size() == 2) {
            units = List.of(words.get(1));
        } else {
            System.err.println("usage: rebuild --all | rebuild <name>   (names: "
                    + String.join(", ", projections.names()) + ")");
            return 2;
        }
        long started = System.nanoTime();
        long events = 0;
        for (String unit : units) {
            RebuildRun run;
            try {
                run = projections.startRebuild(unit);
            } catch (Projections.UnknownProjectionException e) {
                System.err.println("no projection named " + unit + " (names: "
                        + String.join(", ", projections.names()) + ")");
                return 2;
            }
            while (!run.finished()) {
                printProgress(unit, run.progress(), false);
                sleep();
            }
            printProgress(unit, run.progress(), true);
            if (run.failure() != null) {
                System.err.println("rebuild of " + unit + " failed: " + run.failure());
                return 1;
            }
            events += run.progress().done();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "rebuilt %s: %,d events in %.1f s (%,.0f events/s)%n",
                String.join(", ", units), events, seconds, seconds > 0 ? events / seconds : 0.0);
        return 0;
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
        int groups = intOption(args, "groups", 1_000);
        long seed = intOption(args, "seed", 42);
        int batch = intOption(args, "batch", 200);
        int threads = intOption(args, "threads", 1);
        DatasetGenerator.Result result = generator.generate(groups, seed, batch, threads,
                (done, total, rate) -> {
                    out.printf(Locale.ROOT, "\r%-60s", String.format(Locale.ROOT,
                            "generate: %,d/%,d commands  %,.0f events/s", done, total, rate));
                    out.flush();
                });
        out.println();
        out.printf(Locale.ROOT, "generated %,d events (%,d commands) in %.1f s (%,.0f events/s)%n",
                result.events(), result.commands(), result.seconds(), result.events() / result.seconds());
        return 0;
    }

    private static int intOption(ApplicationArguments args, String name, int fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(values.size() - 1));
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
