package io.kindling.kernel.maven;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One artifact as a notebook user names it after {@code %maven}:
 * {@code group:artifact[:extension[:classifier]]:version}, the order used by IJava's {@code %maven}
 * and by Maven Resolver's own artifact strings, so users can paste either.
 *
 * @param groupId    e.g. {@code org.apache.commons}
 * @param artifactId e.g. {@code commons-text}
 * @param extension  the file type, {@code jar} unless stated
 * @param classifier empty when there is none, e.g. {@code linux-x86_64} for a native variant
 * @param version    a version, or a range such as {@code [1.0,2.0)} which the resolver evaluates
 */
public record MavenCoordinates(
        String groupId, String artifactId, String extension, String classifier, String version) {

    /** The extension used when the user names none, as in Maven. */
    public static final String DEFAULT_EXTENSION = "jar";

    private static final String FORMAT = "group:artifact[:extension[:classifier]]:version";

    /** Maven's own rule for group and artifact ids (its model validator uses the same set). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * Versions are freer (ranges use brackets and commas), but must not contain anything that would
     * change the local repository path or split the coordinate.
     */
    private static final Pattern VERSION = Pattern.compile("[^\\s:/\\\\]+");

    /** Validates every part, so that a value in hand is always a usable coordinate. */
    public MavenCoordinates {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(artifactId, "artifactId");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(version, "version");
        String shown = format(groupId, artifactId, extension, classifier, version);
        checkId(shown, "group", groupId);
        checkId(shown, "artifact", artifactId);
        checkId(shown, "extension", extension);
        if (!classifier.isEmpty()) {
            checkId(shown, "classifier", classifier);
        }
        checkVersion(shown, version);
    }

    /** The common case: a jar without classifier. */
    public static MavenCoordinates of(String groupId, String artifactId, String version) {
        return new MavenCoordinates(groupId, artifactId, DEFAULT_EXTENSION, "", version);
    }

    /**
     * Parses {@code g:a:v}, {@code g:a:ext:v} or {@code g:a:ext:classifier:v}; surrounding
     * whitespace is ignored.
     *
     * @throws MalformedCoordinatesException naming the input and the part that is wrong
     */
    public static MavenCoordinates parse(String text) {
        Objects.requireNonNull(text, "text");
        String input = text.strip();
        if (input.isEmpty()) {
            throw new MalformedCoordinatesException(text, "it is empty; expected " + FORMAT);
        }
        // limit -1 keeps trailing empty parts, so "g:a:" is reported as an empty version
        String[] parts = input.split(":", -1);
        String extension = DEFAULT_EXTENSION;
        String classifier = "";
        switch (parts.length) {
            case 3:
                break;
            case 4:
                extension = parts[2];
                break;
            case 5:
                extension = parts[2];
                classifier = parts[3];
                break;
            default:
                throw new MalformedCoordinatesException(input, "expected " + FORMAT
                        + " (3 to 5 parts separated by ':'), found " + parts.length
                        + (parts.length == 1 ? " part" : " parts"));
        }
        String group = parts[0];
        String artifact = parts[1];
        String version = parts[parts.length - 1];
        checkId(input, "group", group);
        checkId(input, "artifact", artifact);
        checkId(input, "extension", extension);
        if (parts.length == 5) {
            checkId(input, "classifier", classifier);
        }
        checkVersion(input, version);
        return new MavenCoordinates(group, artifact, extension, classifier, version);
    }

    /**
     * The shortest form that {@link #parse} reads back to an equal value, e.g.
     * {@code org.apache.commons:commons-text:1.12.0}; used in messages to the user.
     */
    @Override
    public String toString() {
        return format(groupId, artifactId, extension, classifier, version);
    }

    /** The {@link #toString()} form for parts that need not be valid, e.g. from a third-party POM. */
    static String format(String groupId, String artifactId, String extension, String classifier, String version) {
        if (!classifier.isEmpty()) {
            return String.join(":", groupId, artifactId, extension, classifier, version);
        }
        if (!extension.equals(DEFAULT_EXTENSION)) {
            return String.join(":", groupId, artifactId, extension, version);
        }
        return String.join(":", groupId, artifactId, version);
    }

    private static void checkId(String input, String part, String value) {
        checkNotEmpty(input, part, value);
        if (!ID.matcher(value).matches()) {
            throw new MalformedCoordinatesException(input, part + " '" + value
                    + "' may only contain letters, digits, '.', '-' and '_'");
        }
    }

    private static void checkVersion(String input, String value) {
        checkNotEmpty(input, "version", value);
        if (!VERSION.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new MalformedCoordinatesException(input, "version '" + value
                    + "' must not contain whitespace, ':', '/' or '\\'");
        }
    }

    private static void checkNotEmpty(String input, String part, String value) {
        if (value.isEmpty()) {
            throw new MalformedCoordinatesException(input, part + " is empty; expected " + FORMAT);
        }
    }
}
