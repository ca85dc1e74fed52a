package dev.signet.application.port.out;

import java.util.function.Supplier;

/**
 * The transaction boundary: all the repository calls inside {@code work} commit together or not at all.
 * An implementation may run {@code work} again after a transient connection failure, so work must do
 * nothing outside the database that cannot be repeated.
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
