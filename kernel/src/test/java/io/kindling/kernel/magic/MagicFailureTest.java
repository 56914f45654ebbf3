package io.kindling.kernel.magic;

import io.kindling.magics.magic.MagicSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MagicFailureTest {
    private static final MagicSpec SPEC = new MagicSpec("maven", MagicSpec.Kind.LINE, "adds jars", List.of(), true, List.of(), "");

    @Test
    void causesThatRepeatAMessageAlreadyShownAreLeftOut() {
        String missing = "Could not find artifact org.example:nothing:jar:1 in central";
        Exception wrapped = new IllegalStateException("org.example:nothing:1 was not found: " + missing,
                new RuntimeException(missing, new RuntimeException(missing, new IllegalArgumentException(missing))));

        MagicFailure failure = MagicFailure.of(SPEC, wrapped);

        assertThat(failure.traceback()).containsExactly(
                "%maven failed: IllegalStateException: org.example:nothing:1 was not found: " + missing);
    }

    @Test
    void causesThatSaySomethingNewStay() {
        MagicFailure failure = MagicFailure.of(SPEC, new IllegalStateException("download failed",
                new java.io.IOException("connection refused")));

        assertThat(failure.traceback()).containsExactly("%maven failed: IllegalStateException: download failed",
                "Caused by: IOException: connection refused");
    }
}
