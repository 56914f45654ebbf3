package io.kindling.magics.magic;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Looks names up for completion on a thread of its own, waiting at most a budget: a Tab must never
 * freeze the notebook. A lookup past the budget answers nothing this time and goes on (filling a
 * cache for the next Tab, if the caller keeps one); a failed one answers nothing.
 * <pre>{@code
 * BudgetedLookup lookups = new BudgetedLookup("kindling-hive-completion", Duration.ofSeconds(3));
 * Optional<MagicCompletion> names = lookups.within(() -> lookUp(body, cursor));
 * }</pre>
 */
public final class BudgetedLookup {
    private final Duration budget;
    private final ExecutorService thread;

    /** @param threadName the lookup thread's name, as thread dumps show it */
    public BudgetedLookup(String threadName, Duration budget) {
        requireNonNull(threadName, "threadName is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread lookup = new Thread(runnable, threadName);
            lookup.setDaemon(true);
            return lookup;
        });
    }

    /** What {@code lookup} answers within the budget, else nothing. */
    public <T> Optional<T> within(Callable<Optional<T>> lookup) {
        Future<Optional<T>> answer = thread.submit(lookup);
        try {
            return answer.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
