package dev.signet.adapters.persistence.db.mapper;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;

/**
 * A MyBatis configuration that reads a mapper's XML the first time a session asks for that mapper, instead of all
 * of them up front: for a process that runs one command and exits (the CLI), which uses two or three of the eleven.
 * Parsing all of them was the largest part of a key-store command's start-up (docs/performance.md).
 *
 * <p>Why a lock: MyBatis's configuration is a set of plain maps, written while a mapper is parsed and read while
 * statements run, and a command has a second thread (the audit writer). So adding a mapper and every lookup that
 * reads those maps while statements run go through one lock. A long-running server uses the eager configuration
 * ({@link SignetSqlSessions}), which parses everything before the first request and takes no lock.
 */
final class MappersOnFirstUse extends Configuration {
    private final Set<Class<?>> mappers;

    MappersOnFirstUse(Environment environment, List<Class<?>> mappers) {
        super(environment);
        this.mappers = Set.copyOf(mappers);
    }

    @Override
    public synchronized <T> T getMapper(Class<T> type, SqlSession sqlSession) {
        if (mappers.contains(type) && !super.hasMapper(type)) {
            super.addMapper(type);
        }
        return super.getMapper(type, sqlSession);
    }

    @Override
    public synchronized boolean hasMapper(Class<?> type) {
        return super.hasMapper(type);
    }

    @Override
    public synchronized <T> void addMapper(Class<T> type) {
        super.addMapper(type);
    }

    @Override
    public synchronized MappedStatement getMappedStatement(String id) {
        return super.getMappedStatement(id);
    }

    @Override
    public synchronized MappedStatement getMappedStatement(String id, boolean validateIncompleteStatements) {
        return super.getMappedStatement(id, validateIncompleteStatements);
    }

    @Override
    public synchronized boolean hasStatement(String statementName) {
        return super.hasStatement(statementName);
    }

    @Override
    public synchronized boolean hasStatement(String statementName, boolean validateIncompleteStatements) {
        return super.hasStatement(statementName, validateIncompleteStatements);
    }

    @Override
    public synchronized ResultMap getResultMap(String id) {
        return super.getResultMap(id);
    }

    @Override
    public synchronized boolean hasResultMap(String id) {
        return super.hasResultMap(id);
    }

    @Override
    public synchronized Collection<MappedStatement> getMappedStatements() {
        return List.copyOf(super.getMappedStatements());
    }

    @Override
    public synchronized Collection<String> getMappedStatementNames() {
        return List.copyOf(super.getMappedStatementNames());
    }
}
