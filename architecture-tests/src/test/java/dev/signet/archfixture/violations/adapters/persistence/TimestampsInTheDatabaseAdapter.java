package dev.signet.archfixture.violations.adapters.persistence;

import org.bouncycastle.tsp.TimeStampRequestGenerator;

/** Violates "only adapters.crypto.soft uses bcpkix": a timestamp request made outside the crypto adapter. */
public class TimestampsInTheDatabaseAdapter {
    public Object request() {
        return new TimeStampRequestGenerator();
    }
}
