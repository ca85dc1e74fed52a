package dev.signet.application.service;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Signatures answered by this node since it started, by key backend; counted after their transaction commits. */
public final class SignatureCounts {
    public static final String SOFTWARE = "software";
    public static final String HSM = "hsm";
    private final AtomicLong software = new AtomicLong();
    private final AtomicLong hsm = new AtomicLong();

    void add(String backend) {
        (HSM.equals(backend) ? hsm : software).incrementAndGet();
    }

    public Map<String, Long> byBackend() {
        return Map.of(SOFTWARE, software.get(), HSM, hsm.get());
    }
}
