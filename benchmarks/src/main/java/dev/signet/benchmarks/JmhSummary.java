package dev.signet.benchmarks;

import dev.signet.adapters.crypto.soft.HashingStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ratios of issue 12 from one JMH run's JSON (./run-benchmarks calls it at the end):
 * Signet's hasher against the fastest plain JVM method of the same run (target >= 0.95), and online verification
 * on PostgreSQL against raw Bouncy Castle verify at 1 and 2 threads (target >= 0.8). A figure the run did not
 * measure is shown as missing.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.signet.benchmarks.JmhSummary benchmarks/target/jmh-result.json</pre>
 */
public final class JmhSummary {
    private JmhSummary() {
    }

    /** One JMH result: the benchmark's short name (Class.method), its parameters, score and error. */
    record Result(String benchmark, Map<String, String> params, double score, double error, String unit) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    public static void main(String[] args) throws IOException {
        Path json = Path.of(args.length > 0 ? args[0] : "benchmarks/target/jmh-result.json");
        List<Result> results = parse(Files.readString(json));
        System.out.println();
        System.out.println("Issue 12 ratios from " + json + ":");
        for (String line : summarize(results)) {
            System.out.println("  " + line);
        }
    }

    static List<String> summarize(List<Result> results) {
        List<String> lines = new ArrayList<>();
        Optional<Result> hasher = find(results, "HashingBenchmark.signetHasher", Map.of());
        Optional<Result> fastest = results.stream().filter(r -> r.benchmark().equals("HashingBenchmark.raw"))
                .min((a, b) -> Double.compare(a.score(), b.score()));
        if (hasher.isPresent() && fastest.isPresent()) {
            double ratio = fastest.get().score() / hasher.get().score();
            lines.add(String.format(Locale.ROOT, "hashing 1 GiB: signetHasher %.1f ± %.1f ms, fastest raw method %s "
                    + "%.1f ± %.1f ms: %.2fx (target >= 0.95: %s)", hasher.get().score(), hasher.get().error(),
                    fastest.get().param("method"), fastest.get().score(), fastest.get().error(), ratio,
                    ratio >= 0.95 ? "met" : "NOT met"));
            String shipped = HashingStrategy.MEASURED.toString();
            find(results, "HashingBenchmark.raw", Map.of("method", shipped)).ifPresent(same -> lines.add(String.format(
                    Locale.ROOT, "  against the raw method of its own strategy (%s, %.1f ± %.1f ms): %.2fx (Signet's own "
                    + "overhead)", shipped, same.score(), same.error(), same.score() / hasher.get().score())));
            String method = fastest.get().param("method");
            lines.add(method.startsWith("heap-") || method.startsWith("direct-")
                    ? "  Signet ships HashingStrategy.MEASURED; -Dsignet.hashing=" + method + " applies this run's "
                            + "fastest (decision 0006: change MEASURED if it wins by more than the noise)"
                    : "  the fastest, " + method + ", is not a strategy Signet offers (decision 0006); compare "
                            + "signetHasher with the fastest heap-/direct- method");
        } else {
            lines.add("hashing: missing (run HashingBenchmark)");
        }
        for (int threads : new int[] {1, 2}) {
            Optional<Result> online = find(results, "OnlineVerifyBenchmark.onlineVerify_" + threads + "t",
                    Map.of("db", "postgres"));
            Optional<Result> raw = find(results, "Ed25519Benchmark.rawVerify_" + threads + "t", Map.of());
            if (online.isPresent() && raw.isPresent()) {
                double ratio = online.get().score() / raw.get().score();
                lines.add(String.format(Locale.ROOT, "online verify 4 KiB, postgres, %d thread%s: %.0f ± %.0f /s, "
                        + "raw verify %.0f ± %.0f /s: %.2fx (target >= 0.8: %s)", threads, threads == 1 ? "" : "s",
                        online.get().score(), online.get().error(), raw.get().score(), raw.get().error(), ratio,
                        ratio >= 0.8 ? "met" : "NOT met"));
            } else {
                lines.add("online verify, " + threads + " thread(s): missing (run OnlineVerifyBenchmark with db=postgres "
                        + "and Ed25519Benchmark.rawVerify)");
            }
        }
        return lines;
    }

    private static Optional<Result> find(List<Result> results, String benchmark, Map<String, String> params) {
        return results.stream().filter(r -> r.benchmark().equals(benchmark))
                .filter(r -> params.entrySet().stream().allMatch(p -> p.getValue().equals(r.param(p.getKey()))))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    static List<Result> parse(String text) {
        List<Result> results = new ArrayList<>();
        for (Object entry : (List<Object>) new Json(text).value()) {
            Map<String, Object> run = (Map<String, Object>) entry;
            String name = (String) run.get("benchmark");
            String[] parts = name.split("\\.");
            String shortName = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : name;
            Map<String, String> params = new LinkedHashMap<>();
            if (run.get("params") instanceof Map<?, ?> map) {
                map.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            Map<String, Object> metric = (Map<String, Object>) run.get("primaryMetric");
            results.add(new Result(shortName, params, number(metric.get("score")), number(metric.get("scoreError")),
                    String.valueOf(metric.get("scoreUnit"))));
        }
        return results;
    }

    private static double number(Object value) {
        return value instanceof Double d ? d : value instanceof String s ? parseOrNaN(s) : Double.NaN;
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN; // JMH writes "NaN" for an error it could not compute
        }
    }

    /** Just enough JSON for JMH's result file: objects, arrays, strings, numbers, true/false/null. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            String word = s.substring(start, i);
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> Double.parseDouble(word);
            };
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) {
                throw new IllegalArgumentException("not JMH's JSON: expected '" + c + "' at " + (i - 1));
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
