import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The floor JShell itself sets: bare JShell (local execution, like Kindling) evaluating the same
 * snippets the kernel benchmark sends through Jupyter. Run as a single-file program:
 * {@code java bench/JShellBaseline.java first | warm N SNIPPET_FILE...}.
 */
public class JShellBaseline {
    public static void main(String[] args) throws Exception {
        try (JShell jshell = JShell.builder().executionEngine("local").build()) {
            if (args[0].equals("first")) {
                check(jshell.eval("1+1"));
                return;
            }
            int repetitions = Integer.parseInt(args[1]);
            List<String> results = new ArrayList<>();
            for (int f = 2; f < args.length; f++) {
                String snippet = java.nio.file.Files.readString(java.nio.file.Path.of(args[f]));
                check(jshell.eval("if (true) { }"));
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < repetitions + 2; i++) {
                    long start = System.nanoTime();
                    for (String part : split(jshell, snippet)) {
                        check(jshell.eval(part));
                    }
                    if (i >= 2) {
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                }
                results.add(millis.toString());
            }
            System.out.println(String.join("\n", results));
        }
    }

    private static List<String> split(JShell jshell, String code) {
        List<String> parts = new ArrayList<>();
        String remaining = code;
        while (!remaining.isBlank()) {
            var info = jshell.sourceCodeAnalysis().analyzeCompletion(remaining);
            parts.add(info.source());
            remaining = info.remaining();
        }
        return parts;
    }

    private static void check(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (event.exception() != null || event.status() == jdk.jshell.Snippet.Status.REJECTED) {
                throw new IllegalStateException("baseline snippet failed: " + event);
            }
        }
    }
}
