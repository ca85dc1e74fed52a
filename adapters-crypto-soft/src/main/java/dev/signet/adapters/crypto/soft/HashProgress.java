package dev.signet.adapters.crypto.soft;

import java.nio.file.Path;

/** Who hears how far the hashing of a file has got (the CLI's progress on a terminal); {@link #NONE} by default. */
@FunctionalInterface
public interface HashProgress {
    HashProgress NONE = (file, size) -> Tracker.NONE;

    /** Called before a file of {@code size} bytes is read; what it returns hears of its bytes. */
    Tracker start(Path file, long size);

    /** The progress of one file. */
    interface Tracker {
        Tracker NONE = new Tracker() {
            @Override
            public void hashed(long bytesSoFar) {
            }

            @Override
            public void finished() {
            }
        };

        /** So many bytes of the file are hashed (called after each buffer or window). */
        void hashed(long bytesSoFar);

        /** The file is hashed, or its hashing failed. */
        void finished();
    }
}
