package io.kindling.kernel.magic;

import io.kindling.magics.config.UserHome;
import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@code %classpath} (alias {@code %jars}): adds jars and class directories, by path or glob, to what
 * cells compile against and load classes from.
 */
public final class ClasspathMagic implements LineMagic {
    private final MagicSpec spec;
    private final Consumer<Path> classpath;

    /**
     * @param name      {@code classpath} or {@code jars}
     * @param classpath adds one entry to the cells' class path
     */
    public ClasspathMagic(String name, Consumer<Path> classpath) {
        this.spec = new MagicSpec(name, MagicSpec.Kind.LINE,
                "Adds jars or class directories (paths or globs such as lib/*.jar) to the class path of cells.",
                List.of("path"), true, List.of(), "%" + name + " /opt/libs/*.jar target/classes");
        this.classpath = requireNonNull(classpath, "classpath is null");
    }

    @Override
    public MagicSpec spec() {
        return spec;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, MagicContext context) throws IOException {
        if (arguments.positionals().isEmpty()) {
            throw new MagicUsageException("give at least one jar, directory or glob", spec.usageLine());
        }
        List<Path> added = new ArrayList<>();
        for (String pattern : arguments.positionals()) {
            List<Path> matches = expand(pattern);
            if (matches.isEmpty()) {
                throw new MagicUsageException("nothing matches '" + pattern + "'", spec.usageLine());
            }
            matches.forEach(classpath);
            added.addAll(matches);
        }
        context.out().println("Added to the class path: " + String.join(", ", added.stream().map(Path::toString).toList()));
        return Optional.empty();
    }

    private static List<Path> expand(String pattern) throws IOException {
        String expanded = UserHome.expandTilde(pattern, System.getenv());
        int wildcard = firstWildcard(expanded);
        if (wildcard == expanded.length()) {
            Path path = Path.of(expanded).toAbsolutePath().normalize();
            return Files.exists(path) ? List.of(path) : List.of();
        }
        int slash = expanded.lastIndexOf('/', wildcard);
        Path root = Path.of(slash < 0 ? "." : slash == 0 ? "/" : expanded.substring(0, slash)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        String glob = expanded.substring(slash + 1);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int depth = glob.contains("**") ? Integer.MAX_VALUE : glob.split("/").length;
        try (Stream<Path> walk = Files.walk(root, depth)) {
            return walk.filter(p -> !p.equals(root) && matcher.matches(root.relativize(p))).sorted().toList();
        }
    }

    private static int firstWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return pattern.length();
    }
}
