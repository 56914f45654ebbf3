package io.kindling.magics.spark.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A Kubernetes label selector split into the requirements the fabric8 mock understands
 * ({@code a=b}, {@code a!=b}, {@code a}, {@code !a}) and the set-based ones it silently drops
 * ({@code a in (x,y)}, {@code a notin (x,y)}), so that {@link ApiServerDispatcher} can hand the
 * former to the mock and apply the latter itself.
 *
 * @param mockUnderstood the equality and existence requirements, comma-joined as they came ("" if none)
 * @param setBased       the {@code in} / {@code notin} requirements
 */
record LabelSelector(String mockUnderstood, List<SetRequirement> setBased) {
    // "key in (a,b)" / "key notin (a)"; values may be empty ("key in ()") and carry spaces around them.
    private static final Pattern SET_BASED = Pattern.compile("^\\s*(\\S+)\\s+(in|notin)\\s*\\((.*)\\)\\s*$");

    LabelSelector {
        requireNonNull(mockUnderstood, "mockUnderstood is null");
        setBased = List.copyOf(setBased);
    }

    /** {@code key in (values)} when {@code in}, {@code key notin (values)} otherwise. */
    record SetRequirement(String key, boolean in, Set<String> values) {
        SetRequirement {
            requireNonNull(key, "key is null");
            values = Set.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            // As in Kubernetes: "notin" also matches objects without the label.
            return in ? value != null && values.contains(value) : value == null || !values.contains(value);
        }
    }

    static LabelSelector parse(String selector) {
        requireNonNull(selector, "selector is null");
        List<String> kept = new ArrayList<>();
        List<SetRequirement> setBased = new ArrayList<>();
        for (String requirement : splitRequirements(selector)) {
            Matcher m = SET_BASED.matcher(requirement);
            if (m.matches()) {
                Set<String> values = Set.copyOf(List.of(m.group(3).split(",")).stream()
                        .map(String::strip)
                        .filter(v -> !v.isEmpty())
                        .toList());
                setBased.add(new SetRequirement(m.group(1), m.group(2).equals("in"), values));
            } else if (!requirement.isBlank()) {
                kept.add(requirement.strip());
            }
        }
        return new LabelSelector(String.join(",", kept), setBased);
    }

    boolean hasSetBased() {
        return !setBased.isEmpty();
    }

    /** Whether labels satisfy the set-based requirements (the others are the mock's job). */
    boolean matchesSetBased(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        return setBased.stream().allMatch(r -> r.matches(present));
    }

    // Commas separate requirements, except inside the parentheses of a set.
    private static List<String> splitRequirements(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }
}
