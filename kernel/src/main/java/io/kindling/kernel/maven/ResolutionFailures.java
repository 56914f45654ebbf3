package io.kindling.kernel.maven;

import io.kindling.kernel.maven.ArtifactResolutionFailure.Reason;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.ArtifactRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.MetadataNotFoundException;
import org.eclipse.aether.transfer.MetadataTransferException;

/**
 * Turns Maven Resolver's exception tree into one {@link ArtifactResolutionFailure} whose message a
 * notebook user can act on. The resolver reports every repository attempt for every artifact; the
 * user needs only: which requested coordinate, which artifact inside it, not found or unreachable.
 */
final class ResolutionFailures {

    private final Path localRepository;

    ResolutionFailures(Path localRepository) {
        this.localRepository = Objects.requireNonNull(localRepository, "localRepository");
    }

    ArtifactResolutionFailure describe(
            List<MavenCoordinates> requested, DependencyResolutionException exception) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(exception, "exception");
        List<Problem> problems = problems(exception);
        Problem main = mostActionable(problems);

        Artifact failing = main.artifact();
        Optional<MavenCoordinates> direct = failing == null
                ? Optional.empty()
                : requested.stream().filter(c -> isRequested(c, failing)).findFirst();
        String coordinate;
        String subject;
        if (failing == null) {
            coordinate = all(requested);
            subject = "";
        } else if (direct.isPresent()) {
            coordinate = direct.get().toString();
            subject = "it ";
        } else {
            List<DependencyNode> path = pathTo(rootOf(exception), failing);
            coordinate = blamedCoordinate(requested, path);
            subject = (path.isEmpty() ? "" : "its dependency ") + display(failing) + viaChain(path) + " ";
        }

        StringBuilder message = new StringBuilder("Cannot resolve ")
                .append(coordinate).append(": ").append(subject).append(main.detail()).append('.');
        // The resolver may report one artifact twice (its POM while collecting, its jar after).
        long others = problems.stream().map(Problem::key).distinct().count() - 1;
        if (others > 0) {
            message.append(" (").append(others).append(others == 1 ? " more artifact" : " more artifacts")
                    .append(" also failed.)");
        }
        hint(main.reason()).ifPresent(h -> message.append(' ').append(h));
        return new ArtifactResolutionFailure(main.reason(), coordinate, message.toString(), exception);
    }

    /** One failing artifact (or, rarely, a failure not tied to an artifact) and why. */
    private record Problem(Artifact artifact, Reason reason, String detail) {
        String key() {
            return artifact == null ? detail : display(artifact);
        }
    }

    private List<Problem> problems(DependencyResolutionException exception) {
        List<Problem> problems = new ArrayList<>();
        DependencyResult result = exception.getResult();
        if (result != null) {
            for (Exception collectException : result.getCollectExceptions()) {
                problems.add(fromCollectException(collectException));
            }
            for (ArtifactResult artifactResult : result.getArtifactResults()) {
                if (!artifactResult.isResolved()) {
                    problems.add(fromArtifactResult(artifactResult));
                }
            }
        }
        if (problems.isEmpty()) {
            problems.add(new Problem(null, Reason.OTHER, rootMessage(exception)));
        }
        return problems;
    }

    /** One exception per repository tried: not found only if every repository said so. */
    private Problem fromArtifactResult(ArtifactResult result) {
        Artifact artifact = result.getRequest().getArtifact();
        List<Exception> exceptions = result.getExceptions();
        Optional<Exception> transferError = exceptions.stream()
                .filter(e -> !(e instanceof ArtifactNotFoundException))
                .findFirst();
        if (transferError.isPresent()) {
            return transferProblem(artifact, transferError.get());
        }
        Set<String> repositories = new LinkedHashSet<>();
        for (Exception e : exceptions) {
            repositories.add(describe(((ArtifactNotFoundException) e).getRepository()));
        }
        String where = repositories.isEmpty()
                ? "the local repository " + localRepository
                : String.join(", ", repositories);
        return new Problem(artifact, Reason.NOT_FOUND, "was not found in " + where);
    }

    /** The collector may wrap its exceptions (e.g. in an ExecutionException), hence the chain walk. */
    private Problem fromCollectException(Exception exception) {
        for (Throwable t = exception; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ArtifactDescriptorException descriptorException) {
                Artifact artifact = descriptorException.getResult().getRequest().getArtifact();
                Optional<Throwable> transfer = findTransferCause(t);
                if (transfer.isPresent()) {
                    Problem problem = transferProblem(artifact, transfer.get());
                    Artifact other = transfer.get() instanceof ArtifactTransferException e ? e.getArtifact() : null;
                    if (other != null && !sameCoordinates(artifact, other)) {
                        // Typically a parent POM or an imported BOM.
                        return new Problem(artifact, problem.reason(),
                                "needs " + display(other) + ", which " + problem.detail());
                    }
                    return problem;
                }
                return new Problem(artifact, Reason.OTHER,
                        "has a POM that cannot be used: " + rootMessage(t));
            }
            if (t instanceof VersionRangeResolutionException rangeException) {
                VersionRangeRequest request = rangeException.getResult().getRequest();
                Optional<Throwable> transfer = findTransferCause(t)
                        .filter(cause -> !(cause instanceof MetadataNotFoundException));
                if (transfer.isPresent()) {
                    return transferProblem(request.getArtifact(), transfer.get());
                }
                return new Problem(request.getArtifact(), Reason.NOT_FOUND,
                        "has no version in the range " + request.getArtifact().getVersion() + " in "
                        + describeAll(request.getRepositories()));
            }
        }
        return new Problem(null, Reason.OTHER, rootMessage(exception));
    }

    private Problem transferProblem(Artifact artifact, Throwable error) {
        if (error instanceof ArtifactNotFoundException || error instanceof MetadataNotFoundException) {
            return new Problem(artifact, Reason.NOT_FOUND,
                    "was not found in " + describe(repositoryOf(error)));
        }
        Throwable root = rootCause(error);
        if (root instanceof FileSystemException) {
            // Not the network: the local repository is not writable, full, or similar.
            return new Problem(artifact, Reason.OTHER,
                    "could not be stored in the local repository " + localRepository + ": " + brief(root));
        }
        return new Problem(artifact, Reason.NETWORK,
                "could not be downloaded from " + describe(repositoryOf(error)) + ": " + brief(root));
    }

    /** The network wins over "not found": the missing file may well be on the unreachable server. */
    private static Problem mostActionable(List<Problem> problems) {
        for (Reason reason : List.of(Reason.NETWORK, Reason.NOT_FOUND, Reason.OTHER)) {
            for (Problem problem : problems) {
                if (problem.reason() == reason) {
                    return problem;
                }
            }
        }
        throw new IllegalStateException("no problems");
    }

    private Optional<String> hint(Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> Optional.of("Check the group, artifact and version for typos,"
                    + " or add the repository that hosts it.");
            case NETWORK -> Optional.of("Check the network connection or proxy settings and try again;"
                    + " artifacts already in the local repository " + localRepository
                    + " resolve without network.");
            case OTHER -> Optional.empty();
        };
    }

    private static DependencyNode rootOf(DependencyResolutionException exception) {
        DependencyResult result = exception.getResult();
        return result == null ? null : result.getRoot();
    }

    /**
     * The path from a requested coordinate (first element) down to the node of the failing artifact
     * (last element); empty when the artifact is not in the graph, e.g. when collection stopped early.
     */
    private static List<DependencyNode> pathTo(DependencyNode root, Artifact failing) {
        if (root == null) {
            return List.of();
        }
        List<DependencyNode> exact = new ArrayList<>();
        if (search(root, failing, true, exact, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return List.copyOf(exact);
        }
        List<DependencyNode> loose = new ArrayList<>();
        if (search(root, failing, false, loose, Collections.newSetFromMap(new IdentityHashMap<>()))) {
            return List.copyOf(loose);
        }
        return List.of();
    }

    private static boolean search(DependencyNode node, Artifact failing, boolean matchVersion,
            List<DependencyNode> path, Set<DependencyNode> visited) {
        for (DependencyNode child : node.getChildren()) {
            if (!visited.add(child)) {
                continue;
            }
            path.add(child);
            if (sameArtifact(child.getArtifact(), failing, matchVersion)
                    || search(child, failing, matchVersion, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static boolean sameArtifact(Artifact candidate, Artifact failing, boolean matchVersion) {
        return candidate != null
                && candidate.getGroupId().equals(failing.getGroupId())
                && candidate.getArtifactId().equals(failing.getArtifactId())
                && candidate.getClassifier().equals(failing.getClassifier())
                && candidate.getExtension().equals(failing.getExtension())
                && (!matchVersion || candidate.getVersion().equals(failing.getVersion()));
    }

    private static boolean sameCoordinates(Artifact a, Artifact b) {
        return a.getGroupId().equals(b.getGroupId())
                && a.getArtifactId().equals(b.getArtifactId())
                && a.getVersion().equals(b.getVersion());
    }

    private static boolean isRequested(MavenCoordinates coordinates, Artifact artifact) {
        return coordinates.groupId().equals(artifact.getGroupId())
                && coordinates.artifactId().equals(artifact.getArtifactId())
                && coordinates.extension().equals(artifact.getExtension())
                && coordinates.classifier().equals(artifact.getClassifier())
                && coordinates.version().equals(artifact.getVersion());
    }

    private static String all(List<MavenCoordinates> requested) {
        return requested.stream().map(MavenCoordinates::toString).collect(Collectors.joining(", "));
    }

    /** The requested coordinate the failing path starts at, or all of them when it cannot be told. */
    private static String blamedCoordinate(List<MavenCoordinates> requested, List<DependencyNode> path) {
        if (!path.isEmpty()) {
            Artifact top = path.get(0).getArtifact();
            for (MavenCoordinates coordinates : requested) {
                if (coordinates.groupId().equals(top.getGroupId())
                        && coordinates.artifactId().equals(top.getArtifactId())
                        && coordinates.extension().equals(top.getExtension())
                        && coordinates.classifier().equals(top.getClassifier())) {
                    return coordinates.toString();
                }
            }
        }
        return all(requested);
    }

    private static String viaChain(List<DependencyNode> path) {
        if (path.size() < 3) {
            return "";
        }
        return path.stream()
                .map(node -> display(node.getArtifact()))
                .collect(Collectors.joining(" > ", " (via ", ")"));
    }

    /**
     * Same shape as {@link MavenCoordinates#toString()}, so users recognise what they typed; without
     * its validation, since third-party POMs may name artifacts it would reject.
     */
    private static String display(Artifact artifact) {
        return MavenCoordinates.format(artifact.getGroupId(), artifact.getArtifactId(),
                artifact.getExtension(), artifact.getClassifier(), artifact.getVersion());
    }

    private static String describe(ArtifactRepository repository) {
        if (repository instanceof RemoteRepository remote) {
            return remote.getId() + " (" + remote.getUrl() + ")";
        }
        return repository == null ? "any repository" : repository.getId();
    }

    private String describeAll(List<RemoteRepository> repositories) {
        if (repositories.isEmpty()) {
            return "the local repository " + localRepository;
        }
        return repositories.stream().map(ResolutionFailures::describe).collect(Collectors.joining(", "));
    }

    private static ArtifactRepository repositoryOf(Throwable error) {
        if (error instanceof ArtifactTransferException artifactError) {
            return artifactError.getRepository();
        }
        if (error instanceof MetadataTransferException metadataError) {
            return metadataError.getRepository();
        }
        return null;
    }

    private static Optional<Throwable> findTransferCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ArtifactTransferException || t instanceof MetadataTransferException) {
                return Optional.of(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String rootMessage(Throwable error) {
        return brief(rootCause(error));
    }

    /**
     * Java's network exceptions carry only a host or "Connection refused"; the class name says
     * what kind of failure it was.
     */
    private static String brief(Throwable error) {
        String message = error.getMessage();
        if (error instanceof IOException || message == null) {
            return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        return message;
    }
}
