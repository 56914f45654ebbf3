package io.kindling.magics.presto;

import io.kindling.magics.magic.MagicArgumentParser;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicCompletion;
import io.kindling.magics.table.NotebookTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Tab in a %%presto cell answers within its budget, whatever the server does, and names arrive on a later Tab. */
class PrestoCompleterTest {
    @TempDir
    Path home;

    private static MagicArguments noArguments(PrestoMagic magic) {
        return MagicArgumentParser.parse(magic.spec(), "");
    }

    @Test
    void aServerThatNeverAnswersGivesNoCompletionInsteadOfAFrozenTab() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());    // held open, never answered
                    }
                } catch (IOException e) {
                    // the socket closed: the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            PrestoSession session = new PrestoSession(Map.of(TrinoProfiles.ENV_SERVER, "http://127.0.0.1:" + silent.getLocalPort(),
                    TrinoProfiles.ENV_CATALOG, "tpch", TrinoProfiles.ENV_SCHEMA, "tiny"), home);
            PrestoCompleter completer = new PrestoCompleter(session, Duration.ofMillis(500));
            PrestoMagic magic = new PrestoMagic(session, new NotebookTables(Clock.systemUTC()), 10);

            Optional<MagicCompletion> completion = completer.complete(noArguments(magic), "SELECT * FROM nat", 17);

            assertThat(completion).isEmpty();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void namesTheFirstTabCouldNotWaitForArriveOnALaterTab() {
        PrestoSession session = new PrestoSession(Map.of(TrinoProfiles.ENV_SERVER, LocalTrino.url(),
                TrinoProfiles.ENV_CATALOG, "tpch", TrinoProfiles.ENV_SCHEMA, "tiny"), home);
        // A budget too short for any server: the first lookup cannot finish in time but keeps loading.
        PrestoCompleter impatient = new PrestoCompleter(session, Duration.ofMillis(1));
        PrestoCompleter patient = new PrestoCompleter(session, Duration.ofSeconds(5));
        PrestoMagic magic = new PrestoMagic(session, new NotebookTables(Clock.systemUTC()), 10);

        Optional<MagicCompletion> first = impatient.complete(noArguments(magic), "SELECT * FROM nat", 17);
        Optional<MagicCompletion> later = Optional.empty();
        for (int attempt = 0; attempt < 60 && later.map(c -> c.matches().isEmpty()).orElse(true); attempt++) {
            later = patient.complete(noArguments(magic), "SELECT * FROM nat", 17);
        }

        assertThat(first).isEmpty();
        assertThat(later).hasValueSatisfying(c -> assertThat(c.matches()).contains("nation"));
    }
}
