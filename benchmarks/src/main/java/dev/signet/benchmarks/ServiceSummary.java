package dev.signet.benchmarks;

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
 * The tables of ./run-service-benchmarks (issue 13), in Markdown for docs/performance.md: the service's rates and
 * latencies (wrk, closed loop, per connection count; FixedRateLoad, open loop at half the peak), the references
 * of the same run (JMH: raw Bouncy Castle sign and verify, raw C_Sign on SoftHSM) and each target with its ratio.
 *
 * <p>The results file has one line per run: a name ({@code sign-soft-c2}, {@code fixed-verify}, ...) and then
 * {@code key=value} pairs as printed by service-load.lua and FixedRateLoad.
 *
 * <pre>java -cp benchmarks.jar dev.signet.benchmarks.ServiceSummary RESULTS JMH_JSON</pre>
 */
public final class ServiceSummary {
    private static final String[][] ENDPOINTS = {
        {"sign-soft", "POST /v1/signatures, software key"},
        {"sign-hsm", "POST /v1/signatures, SoftHSM key"},
        {"verify", "POST /v1/verifications"}};

    private ServiceSummary() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Map<String, String>> runs = readRuns(Path.of(args[0]));
        List<JmhSummary.Result> jmh = JmhSummary.parse(Files.readString(Path.of(args[1])));
        for (String line : summarize(runs, jmh)) {
            System.out.println(line);
        }
    }

    static Map<String, Map<String, String>> readRuns(Path file) throws IOException {
        Map<String, Map<String, String>> runs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int equals = words[i].indexOf('=');
                if (equals > 0) {
                    values.put(words[i].substring(0, equals), words[i].substring(equals + 1));
                }
            }
            runs.put(words[0], values);
        }
        return runs;
    }

    static List<String> summarize(Map<String, Map<String, String>> runs, List<JmhSummary.Result> jmh) {
        List<String> out = new ArrayList<>();
        out.add("Closed loop (wrk 4.1.0, HTTP/1.1 over TLS, keep-alive; each connection sends its next request when "
                + "the answer is in):");
        out.add("");
        out.add("| endpoint | connections | requests/s | p50 ms | p90 ms | p99 ms | max ms |");
        out.add("|---|---|---|---|---|---|---|");
        for (String[] endpoint : ENDPOINTS) {
            runs.forEach((name, values) -> {
                if (name.startsWith(endpoint[0] + "-c")) {
                    out.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", endpoint[1],
                            name.substring(endpoint[0].length() + 2), grouped(values.get("rps")), values.get("p50_ms"),
                            values.get("p90_ms"), values.get("p99_ms"), values.get("max_ms")));
                }
            });
        }
        out.add("");
        out.add("Open loop at half the peak (FixedRateLoad: java.net.http, HTTP/1.1 over TLS, at most as many requests in "
                + "flight as keep-alive connections; latency from each request's due time):");
        out.add("");
        out.add("| endpoint | target /s | connections | achieved /s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        out.add("|---|---|---|---|---|---|---|---|---|");
        for (String[] endpoint : ENDPOINTS) {
            Map<String, String> values = runs.get("fixed-" + endpoint[0]);
            if (values != null) {
                out.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |", endpoint[1],
                        grouped(values.get("target_rps")), values.get("connections"), grouped(values.get("achieved_rps")), values.get("p50_ms"),
                        values.get("p90_ms"), values.get("p99_ms"), values.get("p999_ms"), values.get("max_ms")));
            }
        }
        out.add("");
        out.add("References of the same run (JMH, ops/s, ± 99.9 % half-width):");
        out.add("");
        out.add("| reference | 1 thread | 2 threads |");
        out.add("|---|---|---|");
        out.add("| raw Bouncy Castle Ed25519 sign (Ed25519Benchmark.rawSign) | " + jmhCell(jmh, "Ed25519Benchmark.rawSign_1t")
                + " | " + jmhCell(jmh, "Ed25519Benchmark.rawSign_2t") + " |");
        out.add("| raw Bouncy Castle Ed25519 verify (Ed25519Benchmark.rawVerify) | "
                + jmhCell(jmh, "Ed25519Benchmark.rawVerify_1t") + " | " + jmhCell(jmh, "Ed25519Benchmark.rawVerify_2t")
                + " |");
        out.add("| raw C_Sign on SoftHSM, one session per thread (HsmSignBenchmark.rawCSign) | "
                + jmhCell(jmh, "HsmSignBenchmark.rawCSign_1t") + " | " + jmhCell(jmh, "HsmSignBenchmark.rawCSign_2t")
                + " |");
        out.add("");
        out.add("Targets of issue 13:");
        out.add("");
        out.add("| target | measured | ratio | verdict |");
        out.add("|---|---|---|---|");
        out.add(ratioRow("software-key signing, 2 connections >= 0.3 x raw BC sign at 2 threads", runs.get("sign-soft-c2"),
                jmh, "Ed25519Benchmark.rawSign_2t", 0.3));
        Map<String, String> fixed = runs.get("fixed-sign-soft");
        if (fixed != null) {
            double p99 = number(fixed.get("p99_ms"));
            out.add(String.format(Locale.ROOT, "| software-key signing: p99 < 10 ms at half the peak | p99 %.2f ms at %s /s "
                    + "| | **%s** |", p99, grouped(fixed.get("achieved_rps")), p99 < 10 ? "met" : "not met"));
        } else {
            out.add("| software-key signing: p99 < 10 ms at half the peak | not measured | | |");
        }
        out.add(ratioRow("SoftHSM signing, 2 connections (the service's 2 sessions) >= 0.8 x raw C_Sign, 2 sessions",
                runs.get("sign-hsm-c2"), jmh, "HsmSignBenchmark.rawCSign_2t", 0.8));
        out.add(ratioRow("verification, 2 connections >= 0.3 x raw BC verify at 2 threads", runs.get("verify-c2"), jmh,
                "Ed25519Benchmark.rawVerify_2t", 0.3));
        out.add("");
        out.add("Also at 1 connection against 1 thread / 1 session: "
                + String.join("; ", List.of(
                        oneRatio("software signing", runs.get("sign-soft-c1"), jmh, "Ed25519Benchmark.rawSign_1t"),
                        oneRatio("SoftHSM signing", runs.get("sign-hsm-c1"), jmh, "HsmSignBenchmark.rawCSign_1t"),
                        oneRatio("verification", runs.get("verify-c1"), jmh, "Ed25519Benchmark.rawVerify_1t"))) + ".");
        return out;
    }

    private static String ratioRow(String target, Map<String, String> run, List<JmhSummary.Result> jmh, String reference,
            double wanted) {
        Optional<JmhSummary.Result> raw = find(jmh, reference);
        if (run == null || raw.isEmpty()) {
            return "| " + target + " | not measured | | |";
        }
        double rps = number(run.get("rps"));
        double ratio = rps / raw.get().score();
        return String.format(Locale.ROOT, "| %s | %s /s vs %s /s | **%.3f x** | **%s** |", target, grouped(run.get("rps")),
                grouped(raw.get().score()), ratio, ratio >= wanted ? "met" : "not met");
    }

    private static String oneRatio(String what, Map<String, String> run, List<JmhSummary.Result> jmh, String reference) {
        Optional<JmhSummary.Result> raw = find(jmh, reference);
        if (run == null || raw.isEmpty()) {
            return what + " not measured";
        }
        return String.format(Locale.ROOT, "%s %.3f x", what, number(run.get("rps")) / raw.get().score());
    }

    private static String jmhCell(List<JmhSummary.Result> jmh, String benchmark) {
        return find(jmh, benchmark).map(r -> grouped(r.score()) + " ± " + grouped(r.error())).orElse("not measured");
    }

    private static Optional<JmhSummary.Result> find(List<JmhSummary.Result> jmh, String benchmark) {
        return jmh.stream().filter(r -> r.benchmark().equals(benchmark)).findFirst();
    }

    private static String grouped(String value) {
        return value == null ? "?" : grouped(number(value));
    }

    private static String grouped(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static double number(String value) {
        try {
            return value == null ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
