package dev.signet.adapters.persistence.sigfile;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;

/**
 * One-line, bounded reasons for error messages. SignetException messages are shown to people as they are,
 * and may quote file content or path names, which can hold line breaks and control characters.
 */
final class Reasons {
    private static final int MAX_LENGTH = 240;
    /** Jackson's location dump; its line and column are all a person needs. */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    private Reasons() {
    }

    static String oneLine(String text) {
        return oneLine(text, MAX_LENGTH);
    }

    /** At most {@code maxLength} characters (plus "..." when cut), control and line-break characters blanked. */
    static String oneLine(String text, int maxLength) {
        if (text == null || text.isBlank()) {
            return "no details";
        }
        String compact = JACKSON_SOURCE.matcher(text).replaceAll("line $1, column $2");
        StringBuilder line = new StringBuilder(Math.min(compact.length(), maxLength + 3));
        for (int i = 0; i < compact.length() && line.length() < maxLength; i++) {
            char c = compact.charAt(i);
            line.append(isInvisible(c) ? ' ' : c);
        }
        if (line.length() < compact.length()) {
            line.append("...");
        }
        return line.toString().strip();
    }

    /** A reason for a failed file operation, naming the file, without Java's exception class names. */
    static String of(Throwable e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return oneLine(withoutPath(e) + ": " + f.getFile());
        }
        return withoutPath(e);
    }

    /** Just what went wrong ("permission denied", "Not a directory"), for callers that name the file themselves. */
    static String withoutPath(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return oneLine(f.getReason());
        }
        return oneLine(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    /** A character as a message can show it: itself if printable ASCII, otherwise its code point. */
    static String describeChar(char c) {
        if (c > ' ' && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private static boolean isInvisible(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }
}
