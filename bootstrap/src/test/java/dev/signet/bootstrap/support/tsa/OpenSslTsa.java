package dev.signet.bootstrap.support.tsa;

import dev.signet.bootstrap.support.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TSA that is the openssl CLI: each request is answered by {@code openssl ts -reply}, with a CA and a TSA
 * certificate ({@code extendedKeyUsage = critical,timeStamping}) made by openssl when the TSA starts.
 */
public final class OpenSslTsa extends TestTsa {
    private final Path folder;
    private final AtomicLong requests = new AtomicLong();

    public OpenSslTsa(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("tsa-ext.cnf"), String.join("\n",
                    "basicConstraints = critical,CA:FALSE",
                    "keyUsage = critical,digitalSignature",
                    "extendedKeyUsage = critical,timeStamping",
                    ""));
            Files.writeString(folder.resolve("ts.cnf"), String.join("\n",
                    "[ tsa ]",
                    "default_tsa = tsa_config",
                    "[ tsa_config ]",
                    "dir = " + folder,
                    "serial = $dir/tsaserial",
                    "signer_cert = $dir/tsa.crt",
                    "certs = $dir/tsa.crt",
                    "signer_key = $dir/tsa.key",
                    "signer_digest = sha256",
                    "default_policy = 1.3.6.1.4.1.99999.2",
                    "digests = sha256, sha384, sha512",
                    "accuracy = secs:1",
                    "ordering = no",
                    "tsa_name = yes",
                    "ess_cert_id_chain = no",
                    "ess_cert_id_alg = sha256",
                    ""));
            Files.writeString(folder.resolve("tsaserial"), "01\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Processes.ok(folder, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                "-out", "ca.crt", "-days", "365", "-subj", "/O=Signet tests/CN=OpenSSL Test CA");
        Processes.ok(folder, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out",
                "tsa.csr", "-subj", "/O=Signet tests/CN=OpenSSL TSA");
        Processes.ok(folder, "openssl", "x509", "-req", "-in", "tsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "365", "-extfile", "tsa-ext.cnf", "-out", "tsa.crt");
        start();
    }

    @Override
    public Path caCertificate() {
        return folder.resolve("ca.crt");
    }

    @Override
    public Path tsaCertificate() {
        return folder.resolve("tsa.crt");
    }

    @Override
    protected synchronized byte[] reply(byte[] request) {
        long n = requests.incrementAndGet();
        String query = "request-" + n + ".tsq";
        String reply = "reply-" + n + ".tsr";
        try {
            Files.write(folder.resolve(query), request);
            Processes.Result result = Processes.run(folder, "openssl", "ts", "-reply", "-config", "ts.cnf",
                    "-queryfile", query, "-out", reply);
            if (result.exitCode() != 0) {
                throw new IllegalStateException("openssl ts -reply failed: " + result.output());
            }
            return Files.readAllBytes(folder.resolve(reply));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
