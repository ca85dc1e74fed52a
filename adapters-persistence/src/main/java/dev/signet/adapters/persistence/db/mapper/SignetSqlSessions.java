package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.LocalCacheScope;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.type.TypeHandlerRegistry;

/** Builds the MyBatis session factory for Signet's mappers, in code: there is no mybatis-config.xml. */
public final class SignetSqlSessions {
    private SignetSqlSessions() {
    }

    /** Signet's mappers, each with the XML of the same name beside the interface. */
    private static final List<Class<?>> MAPPERS = List.of(OrganizationMapper.class, SigningKeyMapper.class,
            TrustedKeyMapper.class, TrustedTsaMapper.class, TrustAclMapper.class, PackageSignatureMapper.class,
            AuditEventMapper.class, TrustVersionMapper.class, StoreKekMapper.class, ApiTokenMapper.class,
            IdempotentAnswerMapper.class);

    /** Every mapper parsed now: for a process that serves many requests. */
    public static SqlSessionFactory factory(DataSource dataSource) {
        return factory(dataSource, false);
    }

    /**
     * With {@code mappersOnFirstUse}, each mapper is parsed when a session first asks for it
     * ({@link MappersOnFirstUse}): for a process that runs one command.
     */
    public static SqlSessionFactory factory(DataSource dataSource, boolean mappersOnFirstUse) {
        Environment environment = new Environment("signet", new JdbcTransactionFactory(),
                Objects.requireNonNull(dataSource, "data source"));
        Configuration configuration = mappersOnFirstUse ? new MappersOnFirstUse(environment, MAPPERS)
                : new Configuration(environment);
        // No result may outlive its statement: a repository must never read a row from before a rollback
        // to savepoint, or from before another statement of its own transaction changed it.
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setCacheEnabled(false);
        TypeHandlerRegistry handlers = configuration.getTypeHandlerRegistry();
        handlers.register(UUID.class, new UuidTypeHandler());
        // Replaces MyBatis's own Instant handler, which goes through java.sql.Timestamp and the JVM's zone.
        handlers.register(Instant.class, new InstantTypeHandler());
        if (!mappersOnFirstUse) {
            MAPPERS.forEach(configuration::addMapper);
        }
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
