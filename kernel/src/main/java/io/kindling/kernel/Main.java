package io.kindling.kernel;

import io.kindling.kernel.history.SessionHistory;
import io.kindling.kernel.io.CellOutput;
import io.kindling.kernel.io.FrontendInput;
import io.kindling.kernel.io.StreamName;
import io.kindling.kernel.protocol.KindlingKernel;
import io.kindling.kernel.protocol.KernelConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the kernel for one Jupyter connection file: {@code java ... io.kindling.kernel.Main <connection.json>}.
 */
public final class Main {
    private static final long DEFAULT_MAX_CELL_OUTPUT = 2L * 1024 * 1024;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: io.kindling.kernel.Main <jupyter-connection-file.json>");
            System.exit(2);
        }
        Path logDir = Path.of(Optional.ofNullable(System.getenv(Env.LOG_DIR)).orElse(System.getProperty("java.io.tmpdir")));
        System.setProperty("kindling.log.file", logDir.resolve("kindling-kernel-" + ProcessHandle.current().pid() + ".log").toString());
        Logger log = LoggerFactory.getLogger(Main.class);

        KernelConnectionProperties connection = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        long maxOutput = Optional.ofNullable(System.getenv(Env.MAX_CELL_OUTPUT))
                .map(v -> Env.parseSize(Env.MAX_CELL_OUTPUT, v)).orElse(DEFAULT_MAX_CELL_OUTPUT);

        // Cells print through System.out/err; the kernel's own diagnostics go to the log.
        PrintStream kernelErr = System.err;
        CellOutput output = new CellOutput(maxOutput);
        System.setOut(output.printStream(StreamName.STDOUT));
        System.setErr(output.printStream(StreamName.STDERR));

        KindlingKernel kernel = KindlingKernel.start(output, new SessionHistory(), kernelErr);
        System.setIn(new FrontendInput(kernel::stdinSource));
        Signal.handle(new Signal("INT"), signal -> kernel.interrupt());

        KernelConnection jupyter = new KernelConnection(connection);
        kernel.becomeHandlerForConnection(jupyter);
        jupyter.connect();
        log.info("Kindling kernel ready on {}", args[0]);
        jupyter.waitUntilClose();
        log.info("Kindling kernel shut down");
        // Threads a notebook left running must not keep the process alive after shutdown.
        System.exit(0);
    }
}
