package io.kindling.kernel.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Maven 2 layout repository on disk, served through a {@code file:} URL, so resolution rules
 * (scopes, optional, exclusions, conflicts) can be tested fast and without network. Writes SHA-1
 * files like a real repository, so the resolver has no checksum warnings to log.
 */
final class FakeRemoteRepository {

    private final Path root;

    FakeRemoteRepository(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    MavenRepository asRepository(String id) {
        return new MavenRepository(id, root.toUri().toString());
    }

    /**
     * Publishes {@code group:artifact:version} with a jar (unless {@code packaging} is pom) and a POM
     * whose {@code <dependencies>} section is {@code dependenciesXml}.
     */
    FakeRemoteRepository publish(String group, String artifact, String version, String packaging,
            String dependenciesXml) {
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>" + group + "</groupId>\n"
                + "  <artifactId>" + artifact + "</artifactId>\n"
                + "  <version>" + version + "</version>\n"
                + "  <packaging>" + packaging + "</packaging>\n"
                + "  <dependencies>" + dependenciesXml + "</dependencies>\n"
                + "</project>\n";
        write(file(group, artifact, version, "", "pom"), pom.getBytes(StandardCharsets.UTF_8));
        if (!packaging.equals("pom")) {
            write(file(group, artifact, version, "", "jar"), bytesOf(group, artifact, version));
        }
        return this;
    }

    /** Publishes a jar whose POM inherits from {@code parent} ({@code group:artifact:version}). */
    FakeRemoteRepository publishChild(String group, String artifact, String version, String parent) {
        String[] p = parent.split(":");
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <parent><groupId>" + p[0] + "</groupId><artifactId>" + p[1] + "</artifactId>"
                + "<version>" + p[2] + "</version></parent>\n"
                + "  <groupId>" + group + "</groupId>\n"
                + "  <artifactId>" + artifact + "</artifactId>\n"
                + "  <version>" + version + "</version>\n"
                + "</project>\n";
        write(file(group, artifact, version, "", "pom"), pom.getBytes(StandardCharsets.UTF_8));
        write(file(group, artifact, version, "", "jar"), bytesOf(group, artifact, version));
        return this;
    }

    /** Writes {@code maven-metadata.xml}, which the resolver reads to evaluate version ranges. */
    FakeRemoteRepository versions(String group, String artifact, String... versions) {
        StringBuilder list = new StringBuilder();
        for (String version : versions) {
            list.append("<version>").append(version).append("</version>");
        }
        String xml = "<metadata><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>"
                + "<versioning><versions>" + list + "</versions></versioning></metadata>\n";
        Path dir = root.resolve(group.replace('.', '/')).resolve(artifact);
        write(dir.resolve("maven-metadata.xml"), xml.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    FakeRemoteRepository publish(String group, String artifact, String version, String dependenciesXml) {
        return publish(group, artifact, version, "jar", dependenciesXml);
    }

    /** Adds a classified file next to an already published artifact, e.g. a native variant. */
    FakeRemoteRepository attach(String group, String artifact, String version, String classifier) {
        write(file(group, artifact, version, classifier, "jar"), bytesOf(group, artifact, classifier));
        return this;
    }

    static String dependency(String group, String artifact, String version, String extraXml) {
        return "<dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId>"
                + "<version>" + version + "</version>" + extraXml + "</dependency>";
    }

    private Path file(String group, String artifact, String version, String classifier, String extension) {
        String name = artifact + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + "." + extension;
        return root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(name);
    }

    private static byte[] bytesOf(String... parts) {
        return String.join(":", parts).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), sha1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
