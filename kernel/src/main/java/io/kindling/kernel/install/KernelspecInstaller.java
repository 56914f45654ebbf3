package io.kindling.kernel.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kindling.kernel.Main;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Installs the {@code kindling} kernelspec so Jupyter frontends can start the kernel, like IJava's
 * installer: for the user (default), into Jupyter's {@code sys.prefix}, or under any prefix.
 * <pre>
 * java -cp 'dist/lib/*' io.kindling.kernel.install.KernelspecInstaller [--user | --sys-prefix | --prefix DIR] [--no-class-archive]
 * </pre>
 * The kernelspec's command runs this distribution's jars with the Java that ran the installer, adds
 * the JVM options Spark needs and honours {@code KINDLING_JAVA_OPTS} at launch.
 */
public final class KernelspecInstaller {
    static final String KERNEL_NAME = "kindling";
    static final String MAIN_CLASS = Main.class.getName();
    /**
     * Expands {@code $KINDLING_JAVA_OPTS} at launch, after the kernel's JIT defaults so a user's value of one
     * wins, and exec's java in place, so signals reach the JVM.
     */
    static final String LAUNCH_SCRIPT = "exec \"$0\" " + String.join(" ", JvmFlags.START_UP_JIT)
            + " $KINDLING_JAVA_OPTS \"$@\"";

    private final Path distribution;
    private final Path javaExecutable;

    public KernelspecInstaller(Path distribution, Path javaExecutable) {
        this.distribution = requireNonNull(distribution, "distribution is null");
        this.javaExecutable = requireNonNull(javaExecutable, "javaExecutable is null");
    }

    /** Skips recording the class archive (a quicker install; every kernel start is then slower). */
    static final String NO_CLASS_ARCHIVE = "--no-class-archive";

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean classArchive = !arguments.remove(NO_CLASS_ARCHIVE);
        KernelsDirectory.Resolved where;
        try {
            where = KernelsDirectory.fromArguments(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: KernelspecInstaller [--user | --sys-prefix | --prefix DIR] [" + NO_CLASS_ARCHIVE + "]");
            System.exit(2);
            return;
        }
        Path kernelsDir = where.path();
        KernelspecInstaller installer = new KernelspecInstaller(ownDistribution(), Path.of(System.getProperty("java.home"), "bin", "java"));
        Optional<Path> archive = classArchive ? installer.recordClassArchive(kernelsDir) : Optional.empty();
        Path installed = installer.install(kernelsDir, archive);
        System.out.println("Installed kernelspec " + KERNEL_NAME + " in " + installed
                + archive.map(a -> " (with class archive " + a.getFileName() + ")").orElse("")
                + "; " + where.source());
    }

    /** Writes {@code <kernelsDir>/kindling/kernel.json} and the logos, replacing an earlier install. */
    public Path install(Path kernelsDir) throws IOException {
        return install(kernelsDir, Optional.empty());
    }

    /** As {@link #install(Path)}, with kernel starts mapping a class archive recorded by {@link #recordClassArchive}. */
    public Path install(Path kernelsDir, Optional<Path> classArchive) throws IOException {
        Path template = distribution.resolve("kernelspec");
        if (!Files.isRegularFile(template.resolve("kernel.json"))) {
            throw new IOException(distribution + " is not a Kindling distribution: kernelspec/kernel.json is missing");
        }
        Path target = kernelsDir.resolve(KERNEL_NAME);
        Files.createDirectories(target);
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = (ObjectNode) json.readTree(template.resolve("kernel.json").toFile());
        ArrayNode argv = spec.putArray("argv");
        launchCommand(classArchive).forEach(argv::add);
        json.writerWithDefaultPrettyPrinter().writeValue(target.resolve("kernel.json").toFile(), spec);
        try (Stream<Path> files = Files.list(template)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".png")).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    /** Records the kernel's start-up classes where {@link #install} puts the kernelspec; empty if that fails. */
    public Optional<Path> recordClassArchive(Path kernelsDir) throws IOException, InterruptedException {
        Path target = Files.createDirectories(kernelsDir.resolve(KERNEL_NAME));
        return new ClassArchive(javaExecutable, JvmFlags.SPARK_MODULE_OPENINGS, classPath())
                .record(target.resolve(ClassArchive.FILE_NAME));
    }

    List<String> launchCommand() {
        return launchCommand(Optional.empty());
    }

    List<String> launchCommand(Optional<Path> classArchive) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", LAUNCH_SCRIPT, javaExecutable.toString()));
        argv.addAll(JvmFlags.SPARK_MODULE_OPENINGS);
        classArchive.ifPresent(a -> argv.add(ClassArchive.option(a.toAbsolutePath())));
        argv.addAll(List.of("-cp", classPath(), MAIN_CLASS, "{connection_file}"));
        return argv;
    }

    private String classPath() {
        return distribution.resolve("lib").toAbsolutePath() + "/*";
    }

    /** The distribution this class was loaded from: {@code <dist>/lib/kindling-kernel-*.jar}. */
    private static Path ownDistribution() throws URISyntaxException {
        Path jar = Path.of(KernelspecInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().toAbsolutePath().normalize();
    }
}
