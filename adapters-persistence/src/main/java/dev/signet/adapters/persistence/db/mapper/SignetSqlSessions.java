package dev.signet.adapters.persistence.db.mapper;

import java.time.Instant;
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

    public static SqlSessionFactory factory(DataSource dataSource) {
        Configuration configuration = new Configuration(
                new Environment("signet", new JdbcTransactionFactory(), Objects.requireNonNull(dataSource, "data source")));
        // No result may outlive its statement: a repository must never read a row from before a rollback
        // to savepoint, or from before another statement of its own transaction changed it.
        configuration.setLocalCacheScope(LocalCacheScope.STATEMENT);
        configuration.setCacheEnabled(false);
        TypeHandlerRegistry handlers = configuration.getTypeHandlerRegistry();
        handlers.register(UUID.class, new UuidTypeHandler());
        // Replaces MyBatis's own Instant handler, which goes through java.sql.Timestamp and the JVM's zone.
        handlers.register(Instant.class, new InstantTypeHandler());
        // Each addMapper also loads the XML of the same name beside the interface.
        configuration.addMapper(OrganizationMapper.class);
        configuration.addMapper(SigningKeyMapper.class);
        configuration.addMapper(TrustedKeyMapper.class);
        configuration.addMapper(TrustedTsaMapper.class);
        configuration.addMapper(TrustAclMapper.class);
        configuration.addMapper(PackageSignatureMapper.class);
        configuration.addMapper(AuditEventMapper.class);
        configuration.addMapper(TrustVersionMapper.class);
        configuration.addMapper(StoreKekMapper.class);
        configuration.addMapper(ApiTokenMapper.class);
        configuration.addMapper(IdempotentAnswerMapper.class);
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
