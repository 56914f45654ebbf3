package io.kindling.kernel.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;
import org.eclipse.aether.util.repository.JreProxySelector;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code %maven} coordinates, with their transitive runtime dependencies, to jar files for
 * the JShell class path, using Maven Resolver with Maven 3's rules (the same graph
 * {@code mvn dependency:tree} shows for a runtime class path): test, provided and system
 * dependencies and optional dependencies of dependencies are left out, exclusions and the POMs'
 * dependency management are honoured, and version conflicts are settled nearest-wins.
 *
 * <p>Files already in the local repository are used without network, so a notebook re-run offline
 * works once its artifacts were downloaded. Nothing is printed: the kernel routes {@code System.out}
 * to the cell, so progress and warnings go to SLF4J only.
 *
 * <p>Thread-safe; each {@link #resolve} call uses its own resolver session. Several kernels may
 * share one local repository: Maven Resolver 2 guards it with file locks by default. {@link #close}
 * releases the resolver's HTTP connections and threads.
 */
public final class ArtifactResolver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactResolver.class);

    /** Connect timeout; Maven Resolver's own default (30 s) leaves a notebook cell hanging long. */
    private static final int CONNECT_TIMEOUT_MILLIS = 15_000;

    /**
     * Longest silence while a download is under way. The resolver default is 30 minutes, which
     * would freeze a cell on a stalled connection; the transport still retries.
     */
    private static final int REQUEST_TIMEOUT_MILLIS = 60_000;

    /** What user code in the notebook compiles against, so compile and runtime dependencies. */
    private static final String COMPILE_SCOPE = "compile";

    /**
     * Keeps the runtime class path. The session's dependency selector already skips test and
     * provided dependencies of dependencies (so their POMs are never fetched); this also drops
     * system-scoped ones, whose files live outside any repository (e.g. an old JDK's tools.jar).
     * A filter rather than Resolver 2's scope manager, which its session supplier stopped
     * setting in later 2.0.x releases.
     */
    private static final DependencyFilter RUNTIME = new ScopeDependencyFilter("test", "provided", "system");

    private final Path localRepository;
    private final List<RemoteRepository> repositories;
    private final RepositorySystem system;
    private final ResolutionFailures failures;

    /**
     * @param localRepository    the Maven local repository to read from and download into; pass
     *                           {@link #defaultLocalRepository()} unless the user chose another,
     *                           e.g. through the {@code maven.repo.local} system property
     * @param remoteRepositories where to download from, in order; usually starting with
     *                           {@link MavenRepository#MAVEN_CENTRAL}. May be empty, which means
     *                           resolving from the local repository alone.
     * @throws IllegalArgumentException if two repositories share an id (the local repository
     *                                  records files by repository id, so ids must be unique)
     */
    public ArtifactResolver(Path localRepository, List<MavenRepository> remoteRepositories) {
        this.localRepository = Objects.requireNonNull(localRepository, "localRepository")
                .toAbsolutePath().normalize();
        Objects.requireNonNull(remoteRepositories, "remoteRepositories");
        this.repositories = toResolverRepositories(remoteRepositories);
        this.system = new RepositorySystemSupplier().get();
        this.failures = new ResolutionFailures(this.localRepository);
    }

    /** {@code ~/.m2/repository}, the local repository Maven itself uses unless configured otherwise. */
    public static Path defaultLocalRepository() {
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /**
     * Resolves the given artifacts and everything they need at run time.
     *
     * @return the files to put on the class path, each once, in a stable order: the requested
     *         artifacts first, then their dependencies level by level (nearest first). POM-only
     *         artifacts (dependency bundles) contribute their dependencies but no file.
     * @throws ArtifactResolutionFailure if any artifact cannot be resolved; its message names the
     *                                   requested coordinate, the failing artifact and why
     */
    public List<Path> resolve(List<MavenCoordinates> coordinates) throws ArtifactResolutionFailure {
        Objects.requireNonNull(coordinates, "coordinates");
        List<MavenCoordinates> requested = List.copyOf(new LinkedHashSet<>(coordinates));
        if (requested.isEmpty()) {
            return List.of();
        }
        long start = System.nanoTime();
        try (CloseableSession session = newSession()) {
            CollectRequest collect = new CollectRequest();
            // Applies the session's proxy selector to the configured repositories.
            collect.setRepositories(system.newResolutionRepositories(session, repositories));
            for (MavenCoordinates c : requested) {
                collect.addDependency(new Dependency(toArtifact(c), COMPILE_SCOPE));
            }
            DependencyResult result = system.resolveDependencies(session, new DependencyRequest(collect, RUNTIME));
            List<Path> files = classPathFiles(result);
            LOG.debug("Resolved {} to {} files in {} ms", requested, files.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return files;
        } catch (DependencyResolutionException e) {
            ArtifactResolutionFailure failure = failures.describe(requested, e);
            LOG.debug("Resolving {} failed: {}", requested, failure.getMessage(), e);
            throw failure;
        }
    }

    /**
     * The sources jars of {@code coordinates} (not of their dependencies), for Javadoc in the notebook. An artifact
     * without one is left out: sources are a convenience, never a reason to fail.
     */
    public List<Path> sources(List<MavenCoordinates> coordinates) {
        Objects.requireNonNull(coordinates, "coordinates");
        List<ArtifactRequest> requests = new ArrayList<>();
        try (CloseableSession session = newSession()) {
            List<RemoteRepository> remotes = system.newResolutionRepositories(session, repositories);
            for (MavenCoordinates c : new LinkedHashSet<>(coordinates)) {
                if (c.classifier().isEmpty() && c.extension().equals("jar")) {
                    requests.add(new ArtifactRequest(
                            new DefaultArtifact(c.groupId(), c.artifactId(), "sources", "jar", c.version()), remotes, null));
                }
            }
            List<Path> jars = new ArrayList<>();
            for (ArtifactRequest request : requests) {
                try {
                    jars.add(system.resolveArtifact(session, request).getArtifact().getFile().toPath());
                } catch (ArtifactResolutionException e) {
                    LOG.debug("No sources for {}: {}", request.getArtifact(), e.getMessage());
                }
            }
            return jars;
        }
    }

    @Override
    public void close() {
        system.shutdown();
    }

    private CloseableSession newSession() {
        return new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                // A missing POM is normal for some old artifacts; an unreadable one (or one whose
                // parent cannot be downloaded) must fail loudly instead of silently dropping the
                // transitive dependencies, as the supplier's Maven-like default (ignore all) would.
                .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(true, false))
                // Do not remember failures: after a typo fix or a network outage, the next %maven
                // must try again rather than repeat the cached error until tomorrow.
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
                // Level order (requested artifacts first) is today's default; set so that a resolver
                // upgrade cannot silently reorder the class path.
                .setConfigProperty(ConfigurationProperties.REPOSITORY_SYSTEM_DEPENDENCY_VISITOR,
                        ConfigurationProperties.REPOSITORY_SYSTEM_DEPENDENCY_VISITOR_LEVELORDER)
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, CONNECT_TIMEOUT_MILLIS)
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, REQUEST_TIMEOUT_MILLIS)
                // The JVM's proxy settings (https.proxyHost, http.nonProxyHosts, ...) are the usual
                // way to put a kernel behind a corporate proxy. (The Apache transport's own
                // "useSystemProperties" switch would do it too, but logs a warning per download.)
                .setProxySelector(new JreProxySelector())
                // Only the repositories the user configured: repositories declared inside
                // third-party POMs are often dead or plain http, which makes resolution slow and
                // lets a dependency's POM choose where code is downloaded from.
                .setIgnoreArtifactDescriptorRepositories(true)
                .setConfigProperty(ConfigurationProperties.USER_AGENT, "Kindling (Apache Maven Resolver)")
                .build();
    }

    private static List<Path> classPathFiles(DependencyResult result) {
        Set<Path> files = new LinkedHashSet<>();
        for (ArtifactResult artifactResult : result.getArtifactResults()) {
            Artifact artifact = artifactResult.getArtifact();
            if (artifact != null && artifact.getPath() != null && !"pom".equals(artifact.getExtension())) {
                files.add(artifact.getPath());
            }
        }
        return List.copyOf(files);
    }

    private static Artifact toArtifact(MavenCoordinates c) {
        return new DefaultArtifact(c.groupId(), c.artifactId(), c.classifier(), c.extension(), c.version());
    }

    private static List<RemoteRepository> toResolverRepositories(List<MavenRepository> remotes) {
        // Snapshots are enabled so that a user-added snapshot repository works; for release
        // versions the snapshot policy is never consulted, so it costs nothing elsewhere.
        RepositoryPolicy policy = new RepositoryPolicy(
                true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_WARN);
        Set<String> ids = new HashSet<>();
        List<RemoteRepository> result = new ArrayList<>(remotes.size());
        for (MavenRepository remote : remotes) {
            Objects.requireNonNull(remote, "remote repository");
            if (!ids.add(remote.id())) {
                throw new IllegalArgumentException("Repository id '" + remote.id()
                        + "' is used more than once; each repository needs its own id");
            }
            result.add(new RemoteRepository.Builder(remote.id(), "default", remote.url())
                    .setReleasePolicy(policy)
                    .setSnapshotPolicy(policy)
                    .build());
        }
        return List.copyOf(result);
    }
}
