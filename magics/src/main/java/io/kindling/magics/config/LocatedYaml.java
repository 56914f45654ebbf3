package io.kindling.magics.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kindling.magics.magic.ErrorName;
import io.kindling.magics.magic.MagicError;
import io.kindling.magics.magic.SourcePosition;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * A YAML document as a Jackson tree plus where each node is in the file. Jackson's {@code readTree}
 * drops locations, so the tree is built here from the token stream, noting for every JSON pointer the
 * line and column of its key (of the element itself in a list): the place a user should look.
 *
 * @param root      the document; an empty mapping for an empty file
 * @param positions where each node is, by JSON pointer ({@code /spark/kubernetes/executors})
 */
record LocatedYaml(JsonNode root, Map<JsonPointer, SourcePosition> positions) {
    private static final YAMLFactory YAML = new YAMLFactory();

    LocatedYaml {
        requireNonNull(root, "root is null");
        positions = Map.copyOf(positions);
    }

    static LocatedYaml empty() {
        return new LocatedYaml(JsonNodeFactory.instance.objectNode(), Map.of());
    }

    /** Parses {@code content}; a syntax error is a {@link ErrorName#BAD_PROFILE} naming the file's line. */
    static LocatedYaml parse(Path file, byte[] content) {
        Map<JsonPointer, SourcePosition> positions = new HashMap<>();
        try (JsonParser parser = YAML.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return empty();
            }
            positions.put(JsonPointer.empty(), position(parser.currentTokenLocation()));
            JsonNode root = value(parser, JsonPointer.empty(), positions, file);
            return new LocatedYaml(root.isNull() ? JsonNodeFactory.instance.objectNode() : root, positions);
        } catch (JsonProcessingException e) {
            throw malformed(file, e);
        } catch (IOException e) {
            throw new MagicError(ErrorName.BAD_PROFILE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * SnakeYAML knows where the problem is and what it was parsing; Jackson's own location is that of its
     * last token, often a line early, so the YAML exception is asked first.
     */
    private static MagicError malformed(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark problem = yaml.getProblemMark();
            Mark context = yaml.getContextMark();
            String during = yaml.getContext() == null || context == null ? ""
                    : " (" + yaml.getContext() + " that starts on line " + (context.getLine() + 1) + ":" + (context.getColumn() + 1) + ")";
            return new MagicError(ErrorName.BAD_PROFILE, located(file, Optional.of(new SourcePosition(problem.getLine() + 1,
                    problem.getColumn() + 1))) + "the YAML is malformed: " + yaml.getProblem() + during);
        }
        return new MagicError(ErrorName.BAD_PROFILE, located(file, Optional.ofNullable(e.getLocation()).map(LocatedYaml::position))
                + "the YAML is malformed: " + e.getOriginalMessage().lines().findFirst().orElse("").strip());
    }

    /** Where the node at {@code pointer} is, or else its nearest ancestor that was in the file. */
    Optional<SourcePosition> position(JsonPointer pointer) {
        for (JsonPointer p = pointer; p != null; p = p.head()) {
            SourcePosition found = positions.get(p);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    /** {@code file:line:column: }, the prefix compilers use, so terminals and editors can jump there. */
    static String located(Path file, Optional<SourcePosition> position) {
        return file + position.map(p -> ":" + p.line() + ":" + p.column()).orElse("") + ": ";
    }

    /** Reads the value whose first token is current, recording positions under {@code at}. */
    private static JsonNode value(JsonParser parser, JsonPointer at, Map<JsonPointer, SourcePosition> positions, Path file)
            throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonPointer child = at.appendProperty(key);
                    SourcePosition keyPosition = position(parser.currentTokenLocation());
                    if (object.has(key)) {
                        // Jackson would silently keep the last one; a repeated key is almost always a paste mistake.
                        throw new MagicError(ErrorName.BAD_PROFILE, located(file, Optional.of(keyPosition))
                                + dotted(child) + " is set twice (first on line " + positions.get(child).line() + ")");
                    }
                    positions.put(child, keyPosition);
                    parser.nextToken();
                    object.set(key, value(parser, child, positions, file));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    JsonPointer child = at.appendIndex(index++);
                    positions.put(child, position(parser.currentTokenLocation()));
                    array.add(value(parser, child, positions, file));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> nodes.textNode(parser.getText());
        };
    }

    /** {@code /spark/kubernetes/executors} as users write it: {@code spark.kubernetes.executors}. */
    static String dotted(JsonPointer pointer) {
        StringJoiner path = new StringJoiner(".");
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            path.add(p.getMatchingProperty());
        }
        return path.toString();
    }

    private static SourcePosition position(JsonLocation location) {
        return new SourcePosition(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }
}
