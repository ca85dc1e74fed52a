package dev.signet.bootstrap.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints a command's answer as text, or with --json as one JSON object (or one array for lists). */
final class Output {
    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void print(String text, JsonLine object) {
        out.println(json ? object.toString() : text);
    }

    /** As text one line per item; with --json one array on one line, {@code []} when there are none. */
    <T> void printList(List<T> items, Function<T, String> text, Function<T, JsonLine> object) {
        printJsonList(items, text, item -> object.apply(item).toString());
    }

    /** As {@link #printList}, for items that are JSON objects already (as an audit record's payload is). */
    <T> void printJsonList(List<T> items, Function<T, String> text, Function<T, String> jsonObject) {
        if (json) {
            out.println(items.stream().map(jsonObject).collect(Collectors.joining(",", "[", "]")));
        } else {
            items.forEach(item -> out.println(text.apply(item)));
        }
    }

    /** For a command that has printed its text as it went (quickstart): with --json, its one object at the end. */
    void printJsonSummary(JsonLine object) {
        if (json) {
            out.println(object);
        }
    }
}
