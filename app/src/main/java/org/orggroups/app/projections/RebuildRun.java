package org.orggroups.app.projections;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One rebuild, started by {@link Projections#startRebuild(String)}: its progress while it runs, then its
 * outcome. Safe to read from any thread.
 */
public final class RebuildRun {

    private final String unit;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private volatile long done;
    private volatile long total;

    RebuildRun(String unit) {
        this.unit = unit;
    }

    /** @return what is rebuilt: a streaming processor's name, or {@value Projections#VIEWS} */
    public String unit() {
        return unit;
    }

    void progressed(long done, long total) {
        this.total = total;
        this.done = Math.min(done, total);
    }

    void succeeded() {
        outcome.complete(null);
    }

    void failed(Throwable failure) {
        outcome.completeExceptionally(failure);
    }

    /** @return whether it has finished, well or not */
    public boolean finished() {
        return outcome.isDone();
    }

    /** @return why it failed, or null while running or after a success */
    public String failure() {
        if (!outcome.isCompletedExceptionally()) {
            return null;
        }
        try {
            outcome.get();
            return null;
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Waits until it has finished; true on success. */
    public boolean await() {
        try {
            outcome.get();
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return the progress now: average rate since the start, and the time left at that rate */
    public ProjectionState.Progress progress() {
        long d = done;
        long t = total;
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long rate = seconds > 0 ? Math.round(d / seconds) : 0;
        Long eta = null;
        if (rate > 0) {
            eta = (t - d + rate - 1) / rate;
        } else if (d >= t && finished()) {
            eta = 0L;
        }
        return new ProjectionState.Progress(d, t, rate, eta);
    }

    /** Says a failure in one line: the outermost message, and the root cause's when it differs. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = message(failure);
        String inner = message(root);
        return root == failure || outer.contains(inner) ? outer : outer + " (cause: " + inner + ")";
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
