package dev.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signet.adapters.persistence.db.OnEveryDatabase;
import dev.signet.adapters.persistence.db.TestDatabase;
import dev.signet.application.port.in.SignatureSource;
import dev.signet.bootstrap.support.DatabaseArgs;
import dev.signet.bootstrap.support.Processes;
import dev.signet.bootstrap.support.SignedWorld;
import dev.signet.domain.key.SigningKey;
import dev.signet.domain.organization.OrganizationId;
import dev.signet.domain.trust.TrustedKey;
import dev.signet.domain.verification.UntrustedSigner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust rule, online: direct keys, children, grandchildren, cycles, and revocations that count at once. */
class TrustGraphVerificationTest {
    @TempDir
    Path dir;

    @OnEveryDatabase
    void trust_follows_grants_down_the_graph_and_stops_at_revocations(TestDatabase db) throws Exception {
        try (SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId parent = world.org("parent");
            OrganizationId child = world.org("child");
            OrganizationId grandchild = world.org("grandchild");
            SigningKey parentKey = world.key(parent, "parent-key");
            SigningKey childKey = world.key(child, "child-key");
            SigningKey grandchildKey = world.key(grandchild, "grandchild-key");
            world.trust(parent, parentKey);
            world.trust(child, childKey);
            TrustedKey trustedGrandchildKey = world.trust(grandchild, grandchildKey);
            Path byParent = world.signed(world.pkg("a.so", "a"), parentKey, true, false);
            Path byChild = world.signed(world.pkg("b.so", "b"), childKey, true, false);
            Path byGrandchild = world.signed(world.pkg("c.so", "c"), grandchildKey, true, false);

            assertTrusted(world, byParent, parent);
            assertUntrusted(world, byChild, parent);

            world.signet.keyManager().grantTrust(parent, child);
            world.signet.keyManager().grantTrust(child, grandchild);
            assertTrusted(world, byChild, parent);
            assertThat(world.signet.verifier().verifyPackage(byGrandchild, parent, SignatureSource.AUTO).trustPath()
                    .orElseThrow().organizations()).containsExactly(parent, child, grandchild);
            assertUntrusted(world, byParent, child);

            world.signet.keyManager().grantTrust(grandchild, parent); // a cycle
            assertTrusted(world, byParent, child);
            assertTrusted(world, byGrandchild, parent);

            world.signet.keyManager().revokeTrust(child, grandchild);
            assertUntrusted(world, byGrandchild, parent);
            assertTrusted(world, byChild, parent);

            world.signet.keyManager().grantTrust(child, grandchild);
            assertTrusted(world, byGrandchild, parent);
            world.signet.keyManager().revokeTrustedKey(trustedGrandchildKey.id());
            assertUntrusted(world, byGrandchild, parent);
            assertUntrusted(world, byGrandchild, grandchild);
        }
    }

    @Test
    void a_revocation_by_another_process_counts_at_once() throws Exception {
        try (TestDatabase db = TestDatabase.postgres();
                SignedWorld world = new SignedWorld(db.url(), db.user(), db.password(), dir, true)) {
            OrganizationId parent = world.org("parent");
            OrganizationId child = world.org("child");
            SigningKey parentKey = world.key(parent, "parent-key");
            SigningKey childKey = world.key(child, "child-key");
            TrustedKey trustedParentKey = world.trust(parent, parentKey);
            world.trust(child, childKey);
            world.signet.keyManager().grantTrust(parent, child);
            Path byParent = world.signed(world.pkg("a.so", "a"), parentKey, true, false);
            Path byChild = world.signed(world.pkg("b.so", "b"), childKey, true, false);
            assertTrusted(world, byParent, parent);
            assertTrusted(world, byChild, parent);

            otherProcess(db, "trust", "revoke", trustedParentKey.id().toString());
            assertUntrusted(world, byParent, parent);

            otherProcess(db, "trust", "ungrant", "--parent", "parent", "--child", "child");
            assertUntrusted(world, byChild, parent);
        }
    }

    private void otherProcess(TestDatabase db, String... command) {
        Object[] args = DatabaseArgs.on(db, (Object[]) command);
        List<String> withHome = new ArrayList<>(Arrays.stream(args).map(String::valueOf).toList());
        withHome.addAll(List.of("--home", dir.resolve("other-home").toString()));
        Processes.Result result = Processes.signet(dir, List.of(), withHome.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static void assertTrusted(SignedWorld world, Path pkg, OrganizationId org) {
        assertThat(world.signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO)).isNotNull();
    }

    private static void assertUntrusted(SignedWorld world, Path pkg, OrganizationId org) {
        assertThatThrownBy(() -> world.signet.verifier().verifyPackage(pkg, org, SignatureSource.AUTO))
                .isInstanceOf(UntrustedSigner.class);
    }
}
