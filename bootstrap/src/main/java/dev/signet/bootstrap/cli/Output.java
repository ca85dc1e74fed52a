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

    <T> void printList(List<T> items, Function<T, String> text, Function<T, JsonLine> object) {
        if (json) {
            out.println(items.stream().map(item -> object.apply(item).toString())
                    .collect(Collectors.joining(",", "[", "]")));
        } else {
            items.forEach(item -> out.println(text.apply(item)));
        }
    }
}
