package dev.signet.bootstrap.service;

import static dev.signet.bootstrap.service.PostgresNodes.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signet.bootstrap.support.Cli;
import dev.signet.domain.Hex;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code signet serve} nodes on one PostgreSQL under a steady load of signing requests, one of them killed
 * with SIGKILL in the middle: no answered signature loses its record, none is recorded twice, the audit chain
 * stays whole, and the other node keeps signing for the clients that fail over to it.
 */
class NodeKilledUnderLoadProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    /** Answers each node must have given before the kill, and the survivor after it: load, not a time. */
    private static final int ANSWERS_PER_PHASE = 40;

    @TempDir
    Path dir;

    private PostgresNodes cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void a_node_killed_under_load_loses_no_answered_record_and_the_other_keeps_signing() throws Exception {
        cluster = new PostgresNodes(dir);
        cluster.ok("org", "create", "acme");
        String keyId = cluster.ok("key", "create", "--org", "acme", "--name", "release").split(" ")[0];
        String token = JSON.readTree(cluster.ok("token", "create", "--org", "acme", "--role", "signer", "--json"))
                .get("token").asText();
        ServiceNode a = cluster.node("a");
        ServiceNode b = cluster.node("b");
        Load load = new Load(a, b, token, keyId);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> load.run(client)));
        }
        try {
            assertThat(load.answeredByA.await(60, TimeUnit.SECONDS)).as("node a answered %d signatures",
                    ANSWERS_PER_PHASE).isTrue();
            a.kill();
            load.killed.set(true);
            assertThat(load.untilSurvivorAnswered(60)).as("node b answered %d signatures after the kill; unexpected: %s",
                    ANSWERS_PER_PHASE, load.unexpected).isTrue();
        } finally {
            load.stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).as("the clients stopped").isTrue();
        }
        for (Future<?> client : running) {
            client.get(); // an unexpected failure in a client fails the test here
        }
        System.out.printf("answered: %d (by b after the kill: %d), unanswered: %d%n", load.answered.size(),
                load.answeredByBAfterKill.get(), load.unanswered.size());

        assertThat(load.unexpected).as("answers other than 201, and failures of node b").isEmpty();
        assertThat(load.answeredByBAfterKill.get()).isPositive();
        Map<String, Long> records = countByHash(cluster.column(
                "SELECT payload FROM audit_events WHERE event_type = 'package.signed' ORDER BY position"),
                payload -> JSON.readTree(payload).get("package_hash").asText());
        Map<String, Long> stored = countByHash(cluster.column("SELECT package_hash FROM package_signatures"),
                hash -> hash);
        for (String hash : load.answered) {
            assertThat(records.get(hash)).as("package.signed records of answered %s", hash).isEqualTo(1L);
            assertThat(stored.get(hash)).as("stored signatures of answered %s", hash).isEqualTo(1L);
        }
        assertThat(records).as("records only of requests sent, none twice").allSatisfy((hash, count) -> {
            assertThat(load.answered.contains(hash) || load.unanswered.contains(hash)).as(hash).isTrue();
            assertThat(count).as(hash).isEqualTo(1L);
        });
        assertThat(stored.values()).as("no signature stored twice").allMatch(count -> count == 1L);

        Cli.Result verified = cluster.run("audit", "verify");
        assertThat(verified.exitCode()).as("the audit chain after the kill: %s", verified).isZero();
    }

    private interface Parse {
        String hash(String value) throws Exception;
    }

    private static Map<String, Long> countByHash(List<String> values, Parse parse) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (String value : values) {
            hashes.add(parse.hash(value));
        }
        return hashes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /**
     * The clients: each signs distinct hashes, alternating between the nodes while node a lives; once node a
     * fails to answer (killed), the request's hash counts as unanswered and the client sends its next, new hash
     * to node b. A retry with the same hash would make a second record of a signature a answered just before
     * it died, which without an Idempotency-Key is the contract, not a fault.
     */
    private static final class Load {
        private final ServiceNode a;
        private final ServiceNode b;
        private final String token;
        private final String keyId;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final Set<String> unanswered = ConcurrentHashMap.newKeySet();
        final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch answeredByA = new CountDownLatch(ANSWERS_PER_PHASE);
        final AtomicInteger answeredByBAfterKill = new AtomicInteger();
        final AtomicBoolean killed = new AtomicBoolean();
        final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicBoolean aDown = new AtomicBoolean();

        Load(ServiceNode a, ServiceNode b, String token, String keyId) {
            this.a = a;
            this.b = b;
            this.token = token;
            this.keyId = keyId;
        }

        void run(int client) {
            for (int i = 0; !stop.get(); i++) {
                String hash = hash("client " + client + " request " + i);
                ServiceNode node = i % 2 == 0 && !aDown.get() ? a : b;
                boolean afterKill = killed.get();
                try {
                    HttpResponse<String> answer = http.send(post(node, "/v1/signatures", token, "{\"key_id\":\""
                            + keyId + "\",\"package_hash\":\"" + hash + "\",\"store\":true}"),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 201) {
                        unexpected.add((node == a ? "a" : "b") + " answered " + answer.statusCode() + ": "
                                + answer.body());
                        continue;
                    }
                    answered.add(hash);
                    if (node == a) {
                        answeredByA.countDown();
                    } else if (afterKill) {
                        answeredByBAfterKill.incrementAndGet();
                    }
                } catch (IOException e) {
                    unanswered.add(hash);
                    if (node == a) {
                        aDown.set(true); // fail over: every later request goes to b
                    } else {
                        unexpected.add("b did not answer: " + e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        boolean untilSurvivorAnswered(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (answeredByBAfterKill.get() < ANSWERS_PER_PHASE) {
                if (System.nanoTime() > deadline || !unexpected.isEmpty()) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }

        private static String hash(String content) {
            try {
                return Hex.encode(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }
}
