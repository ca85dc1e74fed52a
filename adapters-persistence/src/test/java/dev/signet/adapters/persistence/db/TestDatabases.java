package dev.signet.adapters.persistence.db;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Runs a parameterised test once per database Signet supports, each time on a fresh, empty database:
 * <pre>
 * {@literal @}ParameterizedTest(name = "{0}")
 * {@literal @}ArgumentsSource(TestDatabases.class)
 * void some_rule(TestDatabase db) { Database database = db.open(); ... }
 * </pre>
 * JUnit closes each {@link TestDatabase} after its invocation, which drops it. Other modules get this class
 * from the {@code signet-adapters-persistence} test jar (classifier {@code tests}).
 */
public final class TestDatabases implements ArgumentsProvider {
    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return all().map(Arguments::of);
    }

    /** For {@code @MethodSource("dev.signet.adapters.persistence.db.TestDatabases#all")}. */
    public static Stream<TestDatabase> all() {
        return Stream.of(TestDatabase.h2(), TestDatabase.postgres());
    }
}
