package io.kindling.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker images and Kubernetes manifests in {@code docker/} stay in step with the build: they copy the
 * distribution this build writes (so executors run the kernel's own jars), on the Java the build targets, under
 * the image tags of this version, and what they say of Spark and fabric8 is what the parent POM pins.
 */
class DockerImagesTest {
    private static final Path ROOT = Path.of(System.getProperty("kindling.root")).toAbsolutePath().normalize();
    private static final Path DIST = Path.of(System.getProperty("kindling.dist")).toAbsolutePath().normalize();

    @Test
    void bothImagesCopyTheDistributionThisBuildWrites() throws IOException {
        for (String image : List.of("executor", "kernel")) {
            String dockerfile = read("docker/" + image + "/Dockerfile");
            assertThat(ROOT.resolve(only(dockerfile, "(?m)^ARG DIST=(\\S+)$"))).as(image).isEqualTo(DIST);
            assertThat(dockerfile).as(image).contains("COPY ${DIST}/lib/ /opt/kindling/lib/");
        }
        String spark = "spark-core_2.13-" + pomProperty("spark.version") + ".jar";
        try (var jars = Files.list(DIST.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString())).as("what the images copy").contains(spark);
        }
    }

    @Test
    void imagesRunTheJavaTheBuildTargets() throws IOException {
        String release = pomProperty("maven.compiler.release");
        assertThat(only(read("docker/executor/Dockerfile"), "(?m)^ARG BASE_IMAGE=eclipse-temurin:(\\d+)-jre$")).isEqualTo(release);
        assertThat(read("docker/kernel/Dockerfile")).contains("openjdk-" + release + "-jdk-headless");
    }

    @Test
    void manifestsAndExamplesUseThisVersionsImageTags() throws IOException {
        String version = only(read("pom.xml"), "<artifactId>kindling-parent</artifactId>\\s*<version>([^<]+)</version>")
                .replace("-SNAPSHOT", "");
        List<String> tags = new ArrayList<>();
        for (String file : List.of("docker/k8s/kernel-pod.yaml", "docker/executor/Dockerfile", "docker/README.md")) {
            Matcher tag = Pattern.compile("kindling-(?:executor|kernel):([0-9][\\w.-]*\\w)").matcher(read(file));
            while (tag.find()) {
                tags.add(file + " " + tag.group(1));
            }
        }
        assertThat(tags).isNotEmpty().allSatisfy(t -> assertThat(t).endsWith(" " + version));
    }

    @Test
    void theSparkAndFabric8VersionsTheManifestsNameAreThePinnedOnes() throws IOException {
        assertThat(read("docker/k8s/rbac.yaml")).contains("Spark " + pomProperty("spark.version") + "'s Kubernetes")
                .contains("fabric8 " + pomProperty("fabric8.version"));
    }

    private static String pomProperty(String name) throws IOException {
        return only(read("pom.xml"), "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    private static String only(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in the file", regex).isTrue();
        String found = matcher.group(1);
        assertThat(matcher.find()).as("%s only once", regex).isFalse();
        return found;
    }
}
