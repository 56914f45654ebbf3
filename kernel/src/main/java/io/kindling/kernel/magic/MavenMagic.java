package io.kindling.kernel.magic;

import io.kindling.kernel.maven.ArtifactResolutionFailure;
import io.kindling.kernel.maven.ArtifactResolver;
import io.kindling.kernel.maven.MalformedCoordinatesException;
import io.kindling.kernel.maven.MavenCoordinates;
import io.kindling.kernel.maven.MavenRepository;
import io.kindling.magics.magic.LineMagic;
import io.kindling.magics.magic.MagicArguments;
import io.kindling.magics.magic.MagicContext;
import io.kindling.magics.magic.MagicSpec;
import io.kindling.magics.magic.MagicUsageException;
import io.kindling.magics.magic.OptionSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code %maven group:artifact:version ...}: resolves artifacts and their runtime dependencies from
 * Maven Central (and {@code --repo} repositories) into the local Maven repository and adds the jars
 * to the class path of cells.
 */
public final class MavenMagic implements LineMagic {
    private static final MagicSpec SPEC = new MagicSpec("maven", MagicSpec.Kind.LINE,
            "Adds Maven artifacts and their runtime dependencies to the class path of cells.",
            List.of("coordinates"), true,
            List.of(OptionSpec.repeated("repo", 'r', "ID=URL", "an extra repository to resolve from, e.g. company=https://repo.example.org/maven2/")),
            "%maven org.apache.commons:commons-text:1.12.0\nnew org.apache.commons.text.StringSubstitutor(Map.of(\"x\", 1)).replace(\"${x}\")");

    private final Path localRepository;
    private final Consumer<Path> classpath;
    private final Consumer<Path> sources;

    /**
     * @param localRepository where artifacts are cached, normally {@code ~/.m2/repository}
     * @param classpath       adds one jar to the cells' class path
     * @param sources         adds the sources jar of a requested artifact, for its Javadoc
     */
    public MavenMagic(Path localRepository, Consumer<Path> classpath, Consumer<Path> sources) {
        this.localRepository = requireNonNull(localRepository, "localRepository is null");
        this.classpath = requireNonNull(classpath, "classpath is null");
        this.sources = requireNonNull(sources, "sources is null");
    }

    /** The magic on the user's usual local repository ({@code -Dmaven.repo.local} honoured). */
    public static MavenMagic standard(Consumer<Path> classpath, Consumer<Path> sources) {
        Path local = Optional.ofNullable(System.getProperty("maven.repo.local")).map(Path::of)
                .orElseGet(ArtifactResolver::defaultLocalRepository);
        return new MavenMagic(local, classpath, sources);
    }

    @Override
    public MagicSpec spec() {
        return SPEC;
    }

    @Override
    public Optional<Object> run(MagicArguments arguments, MagicContext context) throws ArtifactResolutionFailure {
        if (arguments.positionals().isEmpty()) {
            throw new MagicUsageException("give at least one group:artifact:version", SPEC.usageLine());
        }
        List<MavenCoordinates> coordinates = new ArrayList<>();
        for (String text : arguments.positionals()) {
            try {
                coordinates.add(MavenCoordinates.parse(text));
            } catch (MalformedCoordinatesException e) {
                throw new MagicUsageException(e.getMessage(), SPEC.usageLine());
            }
        }
        List<MavenRepository> repositories = new ArrayList<>(List.of(MavenRepository.MAVEN_CENTRAL));
        for (String repo : arguments.values("repo")) {
            int equals = repo.indexOf('=');
            if (equals <= 0) {
                throw new MagicUsageException("--repo expects ID=URL, got '" + repo + "'", SPEC.usageLine());
            }
            try {
                repositories.add(new MavenRepository(repo.substring(0, equals), repo.substring(equals + 1)));
            } catch (IllegalArgumentException e) {
                throw new MagicUsageException(e.getMessage(), SPEC.usageLine());
            }
        }
        List<Path> jars;
        List<Path> sourceJars;
        try (ArtifactResolver resolver = new ArtifactResolver(localRepository, repositories)) {
            jars = resolver.resolve(coordinates);
            jars.forEach(classpath);
            context.out().println("Added " + jars.size() + " jar" + (jars.size() == 1 ? "" : "s") + " to the class path: "
                    + String.join(", ", jars.stream().map(p -> p.getFileName().toString()).toList()));
            // Only the requested artifacts' sources: their Javadoc is what Shift-Tab is asked for.
            sourceJars = resolver.sources(coordinates);
        }
        sourceJars.forEach(sources);
        if (!sourceJars.isEmpty()) {
            context.out().println("Javadoc (Shift-Tab) from " + String.join(", ",
                    sourceJars.stream().map(p -> p.getFileName().toString()).toList()));
        }
        return Optional.empty();
    }
}
