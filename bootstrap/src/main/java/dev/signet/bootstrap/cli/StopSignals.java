package dev.signet.bootstrap.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask {@code signet serve} to stop: instead of the JVM's shutdown (exit 143, hooks racing the
 * requests in flight), the server drains, the store writes its queued audit records and the command exits 0.
 * sun.misc.Signal is in the jdk.unsupported module, which every JDK ships and exports.
 */
final class StopSignals {
    private StopSignals() {
    }

    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
