package dev.signet.bootstrap.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.LoadPackageUseCase.LoadedPackage;
import dev.signet.bootstrap.Signet;
import dev.signet.bootstrap.support.Keks;
import dev.signet.domain.Hex;
import dev.signet.domain.key.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/guide.md shows exactly the code of {@link GuideExamples}, and that code runs. */
class GuideTest {
    private static final Pattern REGION = Pattern.compile("// guide:(\\w+)\\n(.*?)\\n\\s*// end:\\1", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void every_java_example_in_the_guide_is_the_tested_code() throws IOException {
        Path repository = Path.of(System.getProperty("signet.repository", "..")).toAbsolutePath().normalize();
        String guide = Files.readString(repository.resolve("docs/guide.md"));
        String examples = Files.readString(repository.resolve(
                "bootstrap/src/test/java/dev/signet/bootstrap/guide/GuideExamples.java"));
        Map<String, String> regions = regions(examples);
        assertThat(regions).containsKeys("setup", "keys", "trust", "acl", "sign", "verify", "load", "rotate", "audit", "errors");
        List<String> guideBlocks = javaBlocks(guide);
        for (Map.Entry<String, String> region : regions.entrySet()) {
            assertThat(guideBlocks).as("docs/guide.md has the '%s' example exactly as GuideExamples.java", region.getKey())
                    .contains(region.getValue());
        }
        assertThat(guideBlocks).as("every java block of the guide comes from GuideExamples.java")
                .allSatisfy(block -> assertThat(regions.values()).contains(block));
    }

    @OnEveryDatabase
    void the_guide_examples_run(TestDatabase db) throws Exception {
        Map<String, String> environment = Map.of("SIGNET_KEY_ENCRYPTION_KEY", Hex.encode(Keks.randomBytes()));
        try (Signet signet = GuideExamples.setUp(db.url(), db.user(), db.password(), environment)) {
            GuideExamples.Keys keys = GuideExamples.createAndTrust(signet);
            Path sig = GuideExamples.sign(signet, keys, dir);
            Path pkg = dir.resolve("my-package.so");
            Path pem = Files.writeString(dir.resolve("release-key-v1.pem"), keys.pem());
            GuideExamples.verify(signet, keys, pkg, sig, pem);
            LoadedPackage loaded = GuideExamples.load(signet, keys, pkg);
            assertThat(loaded.path()).hasSameBinaryContentAs(pkg);
            Files.delete(loaded.path());
            assertThat(GuideExamples.errors(signet, pkg, keys.org())).isEqualTo("verified");
            GuideExamples.rotate(signet, keys, dir.resolve("my-package.so"));
            assertThat(GuideExamples.errors(signet, pkg, keys.org())).isEqualTo("untrusted_signer");
            Files.delete(sig);
            assertThat(GuideExamples.errors(signet, pkg, keys.org())).isEqualTo("verified");
            assertThat(GuideExamples.audit(signet)).isTrue();
            SigningKey auditKey = signet.keyManager().createSigningKey(
                    signet.keyManager().createOrganization("audit").id(), "audit-checkpoints");
            assertThat(GuideExamples.checkpoint(signet, auditKey.id(), auditKey.publicKey(), dir)).isTrue();
        }
    }

    private static Map<String, String> regions(String source) {
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher matcher = REGION.matcher(source);
        while (matcher.find()) {
            regions.put(matcher.group(1), dedent(matcher.group(2)));
        }
        return regions;
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL).matcher(markdown);
        while (matcher.find()) {
            blocks.add(dedent(matcher.group(1)));
        }
        return blocks;
    }

    private static String dedent(String code) {
        List<String> lines = code.lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).map(String::stripTrailing)
                .collect(Collectors.joining("\n")).strip();
    }
}
