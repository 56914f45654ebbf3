package io.kindling.magics.spark;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KernelIdentityTest {
    private final KernelIdentity self = KernelIdentity.ofThisProcess("alice");

    @Test
    void labelsAreValidKubernetesLabelValues() {
        KernelIdentity odd = new KernelIdentity("k1", "Alice Smith@corp", "-host.example.com-", 42, 7);
        assertThat(odd.labels()).containsEntry(KernelIdentity.USER, "alice-smith-corp")
                .containsEntry(KernelIdentity.HOST, "host.example.com")
                .containsEntry(KernelIdentity.PID, "42");
        assertThat(KernelIdentity.labelValue("x".repeat(80))).hasSize(63);
    }

    @Test
    void aLiveKernelIsNeverReaped() {
        Map<String, String> liveSelf = new HashMap<>(self.labels());
        liveSelf.put(KernelIdentity.KERNEL_ID, "another-kernel-id");
        assertThat(self.ownerIsDead(liveSelf)).isFalse();
        assertThat(self.ownerIsDead(self.labels())).isFalse();
    }

    @Test
    void aKernelWhosePidIsGoneOrReusedIsDead() {
        Map<String, String> dead = new HashMap<>(self.labels());
        dead.put(KernelIdentity.KERNEL_ID, "dead");
        dead.put(KernelIdentity.PID, Long.toString(Integer.MAX_VALUE - 1L));
        assertThat(self.ownerIsDead(dead)).isTrue();
        Map<String, String> reused = new HashMap<>(self.labels());
        reused.put(KernelIdentity.KERNEL_ID, "older");
        reused.put(KernelIdentity.STARTED, "12345");
        assertThat(self.ownerIsDead(reused)).isTrue();
    }

    @Test
    void otherUsersAndHostsAreLeftAlone() {
        Map<String, String> other = new HashMap<>(self.labels());
        other.put(KernelIdentity.KERNEL_ID, "dead");
        other.put(KernelIdentity.PID, Long.toString(Integer.MAX_VALUE - 1L));
        other.put(KernelIdentity.USER, "bob");
        assertThat(self.ownerIsDead(other)).isFalse();
        other.put(KernelIdentity.USER, self.user());
        other.put(KernelIdentity.HOST, "another-host");
        assertThat(self.ownerIsDead(other)).isFalse();
    }
}
