package dev.signet.benchmarks;

/** Which database holds the keys, trust and audit chain of a benchmark (a JMH @Param, hence public). */
public enum Db { h2, postgres }
